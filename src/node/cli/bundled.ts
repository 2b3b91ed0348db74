// The entry of the single file the site publishes (src/integrations/command-line.ts): every published
// dictionary version is embedded at build time, from the same module the pages and Workers read.
import data from 'virtual:agora/dictionaries';
import { main } from './main.ts';

await main({ published: data.published });
