import type { UpdateProfileRequest } from '@shared/api/directory';

/** Demo profiles by account e-mail: enough variety for the directory's filters to mean something. */
export const DEMO_PROFILES: Record<string, UpdateProfileRequest> = {
  'admin@agora.example': { city: 'París', languages: ['es', 'fr', 'en', 'pt'], themes: ['open-government'] },
  'moderadora@agora.example': {
    city: 'Montevideo',
    languages: ['es', 'en', 'pt'],
    themes: ['open-government', 'citizen-participation'],
    bio: 'Acompaño a la comunidad de la red desde **2015**. Escríbeme si no encuentras a quién preguntar.',
    openToExchange: true,
  },
  'maria@agora.example': {
    governmentLevel: 'national',
    city: 'Ciudad de México',
    languages: ['es', 'en'],
    themes: ['open-government', 'digital-government-open-data'],
    tags: ['transparencia proactiva', 'datos abiertos'],
    bio: 'Coordino la política de **transparencia proactiva** y el portal nacional de datos abiertos.',
    links: [{ url: 'https://www.gob.mx/sfp', label: 'SFP' }],
    openToExchange: true,
  },
  'joao@agora.example': {
    governmentLevel: 'national',
    city: 'Brasília',
    languages: ['pt', 'es', 'en'],
    themes: ['digital-government-open-data', 'good-governance'],
    tags: ['dados abertos', 'interoperabilidade'],
    bio: 'Coordeno o plano de **dados abertos** do governo federal e a rede de dados da CGU.',
    links: [{ url: 'https://www.gov.br/cgu', label: 'CGU' }],
    openToExchange: true,
  },
  'ana@agora.example': {
    city: 'Curitiba',
    languages: ['pt', 'es'],
    themes: ['citizen-participation', 'digital-government-open-data'],
    tags: ['controle social'],
    bio: 'Pesquiso como cidadãos usam dados de compras públicas para fiscalizar municípios.',
  },
  'camilo@agora.example': {
    governmentLevel: 'national',
    city: 'Bogotá',
    languages: ['es', 'en'],
    themes: ['digital-government-open-data', 'public-sector-innovation'],
    tags: ['servicios digitales'],
    openToExchange: true,
  },
  'valentina@agora.example': {
    city: 'Santiago',
    languages: ['es', 'en', 'fr'],
    themes: ['good-governance', 'public-sector-innovation'],
    bio: 'Enseño gestión pública e investigo laboratorios de innovación en América Latina.',
  },
  'martin@agora.example': {
    city: 'Buenos Aires',
    languages: ['es', 'en'],
    themes: ['open-government', 'digital-government-open-data'],
    tags: ['presupuesto abierto'],
    openToExchange: true,
  },
  'rosa@agora.example': {
    governmentLevel: 'local',
    city: 'Cusco',
    languages: ['es', 'qu'],
    themes: ['citizen-participation'],
    tags: ['presupuesto participativo'],
    openToExchange: true,
  },
  'diego@agora.example': { city: 'San José', languages: ['es', 'en'], themes: ['public-sector-innovation'] },
  'keisha@agora.example': {
    governmentLevel: 'national',
    city: 'Kingston',
    languages: ['en'],
    themes: ['good-governance', 'digital-government-open-data'],
    openToExchange: true,
  },
  'carlos@agora.example': {
    governmentLevel: 'national',
    city: 'Santo Domingo',
    languages: ['es', 'en'],
    themes: ['open-government'],
  },
  'sophie@agora.example': {
    governmentLevel: 'subnational',
    city: 'Montréal',
    languages: ['fr', 'en'],
    themes: ['public-sector-innovation', 'citizen-participation'],
    openToExchange: true,
  },
  'jean@agora.example': {
    city: 'Port-au-Prince',
    languages: ['fr', 'ht'],
    themes: ['citizen-participation'],
  },
  'emily@agora.example': {
    city: 'London',
    languages: ['en', 'es'],
    themes: ['good-governance'],
    visibility: { city: 'private' },
  },
};

/** Demo verified badges, set by the demo moderator. */
export const DEMO_VERIFICATIONS: { email: string; roleText: string }[] = [
  { email: 'maria@agora.example', roleText: 'Directora de transparencia proactiva, SFP' },
  { email: 'joao@agora.example', roleText: 'Coordenador de dados abertos, CGU' },
];
