/**
 * Latin American and Caribbean states (UN M49 region 419) with their subregion, and Open Government
 * Partnership membership only where it has been verified against the OGP member pages; `null` means
 * "not established" and must never be shown as fact. Names come from `Intl.DisplayNames`, never from here.
 */
export const LAC_SUBREGIONS = ['south-america', 'central-america', 'caribbean'] as const;

/** A LAC subregion identifier. */
export type LacSubregion = (typeof LAC_SUBREGIONS)[number];

/** One LAC country row. */
export interface LacCountry {
  code: string;
  subregion: LacSubregion;
  ogp: { member: true; joined: number | null } | null;
}

/** The 33 LAC states, alphabetical by English name (as in the reference data). */
export const LAC_COUNTRIES: readonly LacCountry[] = [
  { code: 'AG', subregion: 'caribbean', ogp: null },
  { code: 'AR', subregion: 'south-america', ogp: { member: true, joined: 2012 } },
  { code: 'BS', subregion: 'caribbean', ogp: null },
  { code: 'BB', subregion: 'caribbean', ogp: null },
  { code: 'BZ', subregion: 'central-america', ogp: null },
  { code: 'BO', subregion: 'south-america', ogp: null },
  { code: 'BR', subregion: 'south-america', ogp: { member: true, joined: 2011 } },
  { code: 'CL', subregion: 'south-america', ogp: { member: true, joined: 2011 } },
  { code: 'CO', subregion: 'south-america', ogp: { member: true, joined: 2011 } },
  { code: 'CR', subregion: 'central-america', ogp: null },
  { code: 'CU', subregion: 'caribbean', ogp: null },
  { code: 'DM', subregion: 'caribbean', ogp: null },
  { code: 'DO', subregion: 'caribbean', ogp: { member: true, joined: 2011 } },
  { code: 'EC', subregion: 'south-america', ogp: { member: true, joined: 2018 } },
  { code: 'SV', subregion: 'central-america', ogp: { member: true, joined: 2011 } },
  { code: 'GD', subregion: 'caribbean', ogp: null },
  { code: 'GT', subregion: 'central-america', ogp: { member: true, joined: 2011 } },
  { code: 'GY', subregion: 'south-america', ogp: null },
  { code: 'HT', subregion: 'caribbean', ogp: null },
  { code: 'HN', subregion: 'central-america', ogp: { member: true, joined: 2011 } },
  { code: 'JM', subregion: 'caribbean', ogp: null },
  { code: 'MX', subregion: 'central-america', ogp: { member: true, joined: 2011 } },
  { code: 'NI', subregion: 'central-america', ogp: null },
  { code: 'PA', subregion: 'central-america', ogp: null },
  { code: 'PY', subregion: 'south-america', ogp: null },
  { code: 'PE', subregion: 'south-america', ogp: { member: true, joined: 2011 } },
  { code: 'KN', subregion: 'caribbean', ogp: null },
  { code: 'LC', subregion: 'caribbean', ogp: null },
  { code: 'VC', subregion: 'caribbean', ogp: null },
  { code: 'SR', subregion: 'south-america', ogp: null },
  { code: 'TT', subregion: 'caribbean', ogp: null },
  { code: 'UY', subregion: 'south-america', ogp: { member: true, joined: 2011 } },
  { code: 'VE', subregion: 'south-america', ogp: null },
];

/** ISO 3166-1 alpha-2 codes of the LAC states. */
export const LAC_COUNTRY_CODES: ReadonlySet<string> = new Set(LAC_COUNTRIES.map((c) => c.code));

/**
 * Every ISO 3166-1 alpha-2 code currently assigned. Members also come from OECD peers and elsewhere,
 * so profiles accept any of these; LAC states are listed first in pickers.
 */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
  'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
  'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
  'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
  'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
  'YT ZA ZM ZW'
).split(' ');
