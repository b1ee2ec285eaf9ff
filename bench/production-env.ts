// Imported first by the benches that serve pages: React (and Express) choose their production or
// development build from `process.env.NODE_ENV` when they load, as `npm start` sets it
// (scripts/start.mjs). Without this, `tsx bench/pages.ts` rendered with React's development build,
// several times slower. An ES module's imports run in order, so this runs before theirs.
process.env.NODE_ENV = 'production';
