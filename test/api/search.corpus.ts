/** A document of the search corpus: a thread's title and opening post, written in one language. */
export interface CorpusDocument {
  key: string;
  lang: 'es' | 'pt' | 'en' | 'fr';
  title: string;
  body: string;
  tags?: string[];
  kind?: 'question' | 'discussion';
}

/** Forty-four documents about open government in the network's four languages. */
export const CORPUS: CorpusDocument[] = [
  // Spanish
  {
    key: 'es-gobierno',
    lang: 'es',
    title: 'Gobierno abierto en los municipios',
    body: 'Cómo empezar un plan de gobierno abierto con pocos recursos y mucha participación vecinal.',
  },
  {
    key: 'es-informacion',
    lang: 'es',
    title: 'Acceso a la información pública',
    body: 'La ley de acceso a la información obliga a responder las solicitudes en veinte días hábiles.',
  },
  {
    key: 'es-datos',
    lang: 'es',
    title: 'Portal de datos abiertos nacional',
    body: 'Publicamos datos abiertos de presupuesto cada trimestre en formatos reutilizables.',
  },
  {
    key: 'es-datos-separados',
    lang: 'es',
    title: 'Datos de salud y licencias',
    body: 'Los datos hospitalarios se comparten con licencias abiertos a la academia solo bajo convenio.',
  },
  {
    key: 'es-presupuesto',
    lang: 'es',
    title: 'Presupuesto participativo en Montevideo',
    body: 'Los vecinos votaron proyectos barriales; la participación juvenil creció este año.',
  },
  {
    key: 'es-transparencia-municipal',
    lang: 'es',
    title: 'Transparencia municipal y compras',
    body: 'Indicadores de transparencia para compras municipales y contrataciones directas.',
  },
  {
    key: 'es-transparencia-fiscal',
    lang: 'es',
    title: 'Transparencia fiscal en la región',
    body: 'Un informe de transparencia fiscal comparado entre ministerios de hacienda.',
    tags: ['hacienda'],
  },
  {
    key: 'es-ocde',
    lang: 'es',
    title: 'Recomendación de la OCDE sobre integridad',
    body: 'La OCDE publicó una guía para oficiales de integridad en Chile y Perú.',
  },
  {
    key: 'es-cocreacion',
    lang: 'es',
    title: 'Cocreación de compromisos con sociedad civil',
    body: 'Las mesas de cocreación de los gobiernos abiertos definieron compromisos verificables para el quinto plan.',
  },
  {
    key: 'es-publicar',
    lang: 'es',
    title: 'Cuándo publicar las declaraciones juradas',
    body: 'Estamos publicando las declaraciones patrimoniales de funcionarios electos.',
    kind: 'discussion',
  },
  {
    key: 'es-contratacion',
    lang: 'es',
    title: 'Contratación abierta con el estándar OCDS',
    body: 'El estándar OCDS ordena los datos de contrataciones desde la planificación.',
  },
  // Portuguese
  {
    key: 'pt-governo',
    lang: 'pt',
    title: 'Governo aberto nos estados brasileiros',
    body: 'Os estados criaram planos de governo aberto com metas de participação social.',
  },
  {
    key: 'pt-participacao',
    lang: 'pt',
    title: 'Participação social em conselhos',
    body: 'A participação dos conselhos municipais melhora a qualidade das políticas públicas.',
  },
  {
    key: 'pt-informacao',
    lang: 'pt',
    title: 'Lei de acesso à informação',
    body: 'A lei de acesso à informação completou dez anos com milhões de pedidos respondidos.',
  },
  {
    key: 'pt-dados',
    lang: 'pt',
    title: 'Dados abertos sobre educação',
    body: 'Publicamos dados abertos das escolas com indicadores de aprendizagem por município.',
  },
  {
    key: 'pt-orcamento',
    lang: 'pt',
    title: 'Orçamento participativo em Porto Alegre',
    body: 'O orçamento participativo nasceu em Porto Alegre e inspirou cidades no mundo todo.',
  },
  {
    key: 'pt-ocde',
    lang: 'pt',
    title: 'Revisão da OCDE sobre integridade pública',
    body: 'A revisão da OCDE recomendou fortalecer as corregedorias do Brasil.',
  },
  {
    key: 'pt-ouvidoria',
    lang: 'pt',
    title: 'Ouvidorias e reclamações cidadãs',
    body: 'As ouvidorias recebem reclamações e denúncias dos cidadãos e cidadãs.',
  },
  {
    key: 'pt-licitacoes',
    lang: 'pt',
    title: 'Transparência nas licitações',
    body: 'Painéis de transparência mostram as licitações e os contratos em tempo real.',
  },
  {
    key: 'pt-publicar',
    lang: 'pt',
    title: 'Como publicar relatórios acessíveis',
    body: 'Publicaremos os relatórios em linguagem simples para todo o público.',
    kind: 'discussion',
  },
  {
    key: 'pt-inovacao',
    lang: 'pt',
    title: 'Laboratórios de inovação no setor público',
    body: 'Os laboratórios testam soluções com servidores e cidadãos antes de escalar.',
  },
  {
    key: 'pt-lgpd',
    lang: 'pt',
    title: 'Proteção de dados pessoais e LGPD',
    body: 'A LGPD exige bases legais para o tratamento de dados pessoais pelos órgãos.',
  },
  // English
  {
    key: 'en-government',
    lang: 'en',
    title: 'Open government in small island states',
    body: 'Small island states run open government plans with tiny teams and strong civil society.',
  },
  {
    key: 'en-data',
    lang: 'en',
    title: 'Open data standards for budgets',
    body: 'We published open data on budgets following a common standard for every ministry.',
  },
  {
    key: 'en-publishing',
    lang: 'en',
    title: 'Publishing contracts in real time',
    body: 'Publishing every contract as it is signed reduced complaints from bidders.',
    kind: 'discussion',
  },
  {
    key: 'en-oecd',
    lang: 'en',
    title: 'OECD review of public integrity',
    body: 'The OECD review recommended an integrity office in each ministry; see also the OCDE summary.',
  },
  {
    key: 'en-participation',
    lang: 'en',
    title: 'Citizen participation in policy making',
    body: 'Citizens participated in drafting the new climate policies through online consultations.',
  },
  {
    key: 'en-information',
    lang: 'en',
    title: 'Access to information requests',
    body: 'Information requests doubled after the portal made them free and anonymous.',
  },
  {
    key: 'en-lobbying',
    lang: 'en',
    title: 'Lobbying registers in the Caribbean',
    body: 'Lobbying registers record meetings between officials and interest groups.',
  },
  {
    key: 'en-budget',
    lang: 'en',
    title: 'Participatory budgeting lessons learned',
    body: 'Participatory budgeting works best when the municipality commits real funds.',
  },
  {
    key: 'en-chile',
    lang: 'en',
    title: 'Chile beneficial ownership registry',
    body: 'Chile is building a beneficial ownership registry with the finance ministry.',
  },
  {
    key: 'en-accessibility',
    lang: 'en',
    title: 'Accessible government websites',
    body: 'Accessible websites help people with disabilities reach public services.',
  },
  {
    key: 'en-whistleblowers',
    lang: 'en',
    title: 'Protecting whistleblowers in ministries',
    body: 'Whistleblower protection laws need independent channels and real sanctions.',
  },
  // French
  {
    key: 'fr-gouvernement',
    lang: 'fr',
    title: 'Gouvernement ouvert en Haïti',
    body: 'Le gouvernement ouvert progresse grâce aux organisations de la société civile.',
  },
  {
    key: 'fr-societe',
    lang: 'fr',
    title: 'La société civile et les engagements',
    body: 'La société civile suit les engagements du plan d’action national.',
  },
  {
    key: 'fr-donnees',
    lang: 'fr',
    title: 'Données ouvertes sur les marchés publics',
    body: 'Nous publions des données ouvertes sur les marchés publics chaque semaine.',
  },
  {
    key: 'fr-ocde',
    lang: 'fr',
    title: "Recommandation de l'OCDE sur l'intégrité",
    body: "L'OCDE a publié une recommandation sur l'intégrité publique en Haïti et au Québec.",
  },
  {
    key: 'fr-participation',
    lang: 'fr',
    title: 'Participation citoyenne aux budgets',
    body: 'Les citoyens participent aux budgets participatifs de leur commune.',
  },
  {
    key: 'fr-transparence',
    lang: 'fr',
    title: 'Transparence des dépenses publiques',
    body: 'La transparence des dépenses publiques renforce la confiance des citoyens.',
  },
  {
    key: 'fr-publier',
    lang: 'fr',
    title: 'Publier les rapports annuels',
    body: 'Nous avons publié les rapports annuels de toutes les communes.',
    kind: 'discussion',
  },
  {
    key: 'fr-elus',
    lang: 'fr',
    title: 'Déclarations de patrimoine des élus',
    body: 'Les élus déposent une déclaration de patrimoine vérifiée par la haute autorité.',
  },
  {
    key: 'fr-chile',
    lang: 'fr',
    title: 'Le registre des bénéficiaires au Chile',
    body: 'Le Chile prépare un registre des bénéficiaires effectifs des sociétés.',
  },
  {
    key: 'fr-numerique',
    lang: 'fr',
    title: 'Administration numérique et inclusion',
    body: "L'administration numérique doit rester accessible aux personnes âgées.",
  },
];
