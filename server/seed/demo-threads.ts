import type { Locale, Theme } from '@shared/constants';
import type { ThreadKind } from '@shared/api/threads';

/** A demo reply: who writes it (by e-mail), what, and which earlier reply (by index) it answers. */
export interface DemoReply {
  by: string;
  body: string;
  replyTo?: number;
}

/** A demo thread in one of the four languages. Content, not UI strings. */
export interface DemoThread {
  category: Theme;
  by: string;
  kind: ThreadKind;
  lang: Locale;
  title: string;
  body: string;
  tags: string[];
  replies: DemoReply[];
  /** Index of the reply the asker accepted. */
  accepted?: number;
}

/** Demo threads: questions and discussions in Spanish, Portuguese, English and French. */
export const DEMO_THREADS: DemoThread[] = [
  {
    category: 'open-government',
    by: 'maria@agora.example',
    kind: 'question',
    lang: 'es',
    title: '¿Cómo secuenciaron la ley de acceso a la información y el portal de datos abiertos?',
    body: 'Estamos preparando el próximo plan de acción de OGP. ¿Conviene aprobar primero la **ley de acceso a la información** y después el portal, o avanzar en paralelo?\n\nMe interesan sobre todo experiencias con presupuestos ajustados.',
    tags: ['acceso-informacion', 'datos-abiertos', 'ogp'],
    replies: [
      {
        by: 'camilo@agora.example',
        body: 'En nuestro caso la ley llegó primero y eso ayudó: el portal nació con una obligación legal de publicar, no como un proyecto voluntario.',
      },
      {
        by: 'valentina@agora.example',
        body: 'Coincido. Sin la ley, el portal dependía de la voluntad de cada ministerio y se vació en dos años.',
        replyTo: 0,
      },
      {
        by: 'joao@agora.example',
        body: 'No Brasil a Lei de Acesso à Informação (2011) veio antes do portal dados.gov.br ganhar força. A ordem importou.',
      },
    ],
    accepted: 0,
  },
  {
    category: 'digital-government-open-data',
    by: 'joao@agora.example',
    kind: 'discussion',
    lang: 'pt',
    title: 'Interoperabilidade entre estados: o que funcionou para vocês?',
    body: 'Estamos conectando os cadastros sociais de três estados. Quais padrões de dados e acordos de governança vocês usaram?',
    tags: ['interoperabilidade', 'cadastros'],
    replies: [
      {
        by: 'ana@agora.example',
        body: 'Começamos com um catálogo mínimo de dados comuns e um comitê técnico com rodízio entre os estados.',
      },
      {
        by: 'emily@agora.example',
        body: 'We did something similar with a shared data dictionary. Happy to share the template.',
        replyTo: 0,
      },
    ],
  },
  {
    category: 'citizen-participation',
    by: 'keisha@agora.example',
    kind: 'question',
    lang: 'en',
    title: 'How do you keep participatory budgeting inclusive beyond the capital?',
    body: 'Our participatory budgeting pilot drew most participants from the capital. What helped you reach rural communities?',
    tags: ['participatory-budgeting', 'inclusion'],
    replies: [
      {
        by: 'rosa@agora.example',
        body: 'Asambleas presenciales en lenguas indígenas y votación por SMS. La participación rural se triplicó.',
      },
      {
        by: 'sophie@agora.example',
        body: 'Des urnes mobiles pendant les jours de marché ont très bien fonctionné chez nous.',
      },
    ],
  },
  {
    category: 'public-sector-innovation',
    by: 'sophie@agora.example',
    kind: 'discussion',
    lang: 'fr',
    title: 'Laboratoires d’innovation publique : comment mesurer leur impact ?',
    body: 'Après trois ans, notre laboratoire doit démontrer sa valeur. Quels indicateurs utilisez-vous au-delà du nombre de projets ?',
    tags: ['laboratoires', 'evaluation'],
    replies: [
      {
        by: 'jean@agora.example',
        body: 'Nous suivons les politiques effectivement modifiées grâce au laboratoire, et le temps gagné par les usagers.',
      },
      {
        by: 'martin@agora.example',
        body: 'Nosotros medimos la adopción: cuántas soluciones siguen funcionando un año después sin el laboratorio.',
        replyTo: 0,
      },
    ],
  },
  {
    category: 'good-governance',
    by: 'diego@agora.example',
    kind: 'question',
    lang: 'es',
    title: '¿Qué indicadores usan para medir la integridad en compras públicas?',
    body: 'Buscamos indicadores de riesgo de corrupción en contrataciones que se puedan calcular con datos abiertos (OCDS).',
    tags: ['integridad', 'compras-publicas', 'ocds'],
    replies: [
      {
        by: 'carlos@agora.example',
        body: 'Proporción de contratos con un solo oferente y plazos de licitación muy cortos son un buen comienzo.',
      },
    ],
  },
];
