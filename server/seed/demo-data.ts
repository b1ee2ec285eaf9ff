import type { Locale, Role, Sector, Theme } from '@shared/constants';

/** Demo content of the network's themes, named in the four languages. Content, not UI strings. */
export const DEMO_CATEGORIES: { slug: Theme; text: Record<Locale, { name: string; description: string }> }[] =
  [
    {
      slug: 'good-governance',
      text: {
        es: {
          name: 'Buena gobernanza',
          description: 'Integridad, rendición de cuentas y calidad regulatoria en el sector público.',
        },
        pt: {
          name: 'Boa governança',
          description: 'Integridade, prestação de contas e qualidade regulatória no setor público.',
        },
        en: {
          name: 'Good governance',
          description: 'Integrity, accountability and regulatory quality in the public sector.',
        },
        fr: {
          name: 'Bonne gouvernance',
          description: 'Intégrité, redevabilité et qualité de la réglementation dans le secteur public.',
        },
      },
    },
    {
      slug: 'open-government',
      text: {
        es: {
          name: 'Gobierno abierto',
          description: 'Transparencia, acceso a la información y planes de acción de OGP.',
        },
        pt: {
          name: 'Governo aberto',
          description: 'Transparência, acesso à informação e planos de ação da OGP.',
        },
        en: {
          name: 'Open government',
          description: 'Transparency, access to information and OGP action plans.',
        },
        fr: {
          name: 'Gouvernement ouvert',
          description: "Transparence, accès à l'information et plans d'action du PGO.",
        },
      },
    },
    {
      slug: 'public-sector-innovation',
      text: {
        es: {
          name: 'Innovación pública',
          description: 'Laboratorios, compras innovadoras y nuevas formas de trabajar en el Estado.',
        },
        pt: {
          name: 'Inovação no setor público',
          description: 'Laboratórios, compras inovadoras e novas formas de trabalhar no Estado.',
        },
        en: {
          name: 'Public sector innovation',
          description: 'Labs, innovative procurement and new ways of working in government.',
        },
        fr: {
          name: 'Innovation publique',
          description: "Laboratoires, achats innovants et nouvelles façons de travailler dans l'État.",
        },
      },
    },
    {
      slug: 'digital-government-open-data',
      text: {
        es: {
          name: 'Gobierno digital y datos abiertos',
          description: 'Servicios digitales, interoperabilidad y portales de datos abiertos.',
        },
        pt: {
          name: 'Governo digital e dados abertos',
          description: 'Serviços digitais, interoperabilidade e portais de dados abertos.',
        },
        en: {
          name: 'Digital government and open data',
          description: 'Digital services, interoperability and open data portals.',
        },
        fr: {
          name: 'Gouvernement numérique et données ouvertes',
          description: 'Services numériques, interopérabilité et portails de données ouvertes.',
        },
      },
    },
    {
      slug: 'citizen-participation',
      text: {
        es: {
          name: 'Participación ciudadana',
          description: 'Presupuestos participativos, consultas públicas y cocreación con la sociedad civil.',
        },
        pt: {
          name: 'Participação cidadã',
          description: 'Orçamentos participativos, consultas públicas e cocriação com a sociedade civil.',
        },
        en: {
          name: 'Citizen participation',
          description: 'Participatory budgeting, public consultations and co-creation with civil society.',
        },
        fr: {
          name: 'Participation citoyenne',
          description:
            'Budgets participatifs, consultations publiques et co-création avec la société civile.',
        },
      },
    },
  ];

/** A demo account. */
export interface DemoMember {
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  country: string;
  sector: Sector;
  organization: string;
  headline: string;
}

/** Demo accounts from across the region and OECD peers, in every sector. Fictional people. */
export const DEMO_MEMBERS: DemoMember[] = [
  {
    email: 'admin@agora.example',
    displayName: 'Secretaría Ágora',
    role: 'admin',
    locale: 'es',
    country: 'FR',
    sector: 'international-organization',
    organization: 'Secretaría de la red',
    headline: 'Administración de la plataforma',
  },
  {
    email: 'moderadora@agora.example',
    displayName: 'Lucía Fernández',
    role: 'moderator',
    locale: 'es',
    country: 'UY',
    sector: 'international-organization',
    organization: 'Secretaría de la red',
    headline: 'Moderadora de la comunidad',
  },
  {
    email: 'maria@agora.example',
    displayName: 'María José Núñez',
    role: 'member',
    locale: 'es',
    country: 'MX',
    sector: 'government',
    organization: 'Secretaría de la Función Pública',
    headline: 'Directora de transparencia proactiva',
  },
  {
    email: 'joao@agora.example',
    displayName: 'João Pereira',
    role: 'member',
    locale: 'pt',
    country: 'BR',
    sector: 'government',
    organization: 'Controladoria-Geral da União',
    headline: 'Coordenador de dados abertos',
  },
  {
    email: 'ana@agora.example',
    displayName: 'Ana Beatriz Souza',
    role: 'member',
    locale: 'pt',
    country: 'BR',
    sector: 'civil-society',
    organization: 'Observatório Social',
    headline: 'Pesquisadora em controle social',
  },
  {
    email: 'camilo@agora.example',
    displayName: 'Camilo Restrepo',
    role: 'member',
    locale: 'es',
    country: 'CO',
    sector: 'government',
    organization: 'Ministerio TIC',
    headline: 'Líder de servicios ciudadanos digitales',
  },
  {
    email: 'valentina@agora.example',
    displayName: 'Valentina Rojas',
    role: 'member',
    locale: 'es',
    country: 'CL',
    sector: 'academia',
    organization: 'Universidad de Chile',
    headline: 'Profesora de gestión pública',
  },
  {
    email: 'martin@agora.example',
    displayName: 'Martín Gómez',
    role: 'member',
    locale: 'es',
    country: 'AR',
    sector: 'civil-society',
    organization: 'Fundación Datos Abiertos',
    headline: 'Director ejecutivo',
  },
  {
    email: 'rosa@agora.example',
    displayName: 'Rosa Quispe',
    role: 'member',
    locale: 'es',
    country: 'PE',
    sector: 'government',
    organization: 'Municipalidad de Cusco',
    headline: 'Gerenta de participación vecinal',
  },
  {
    email: 'diego@agora.example',
    displayName: 'Diego Araya',
    role: 'member',
    locale: 'es',
    country: 'CR',
    sector: 'business',
    organization: 'GovTech CR',
    headline: 'Consultor en interoperabilidad',
  },
  {
    email: 'keisha@agora.example',
    displayName: 'Keisha Campbell',
    role: 'member',
    locale: 'en',
    country: 'JM',
    sector: 'government',
    organization: 'Office of the Cabinet',
    headline: 'Access to information officer',
  },
  {
    email: 'carlos@agora.example',
    displayName: 'Carlos Méndez',
    role: 'member',
    locale: 'es',
    country: 'DO',
    sector: 'government',
    organization: 'Dirección de Ética e Integridad',
    headline: 'Analista de compras públicas',
  },
  {
    email: 'sophie@agora.example',
    displayName: 'Sophie Tremblay',
    role: 'member',
    locale: 'fr',
    country: 'CA',
    sector: 'government',
    organization: 'Secrétariat du Conseil du Trésor',
    headline: 'Conseillère en gouvernement ouvert',
  },
  {
    email: 'jean@agora.example',
    displayName: 'Jean-Baptiste Joseph',
    role: 'member',
    locale: 'fr',
    country: 'HT',
    sector: 'civil-society',
    organization: 'Collectif pour la transparence',
    headline: 'Coordonnateur de projets',
  },
  {
    email: 'emily@agora.example',
    displayName: 'Emily Clarke',
    role: 'member',
    locale: 'en',
    country: 'GB',
    sector: 'academia',
    organization: 'University of Oxford',
    headline: 'Researcher in digital public infrastructure',
  },
];

/** The password of every demo account, printed at start-up. */
export const DEMO_PASSWORD = 'agora-demo-2026';
