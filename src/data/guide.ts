import { platformConfigSchema } from '../core/config/platform.ts';
import { loadDataFile } from '../core/data-file.ts';
import { glossarySchema } from '../core/guide/glossary.ts';
import { journeySchema } from '../core/guide/journey-schema.ts';
import platformSource from '../config/plateforme.yaml?raw';
import glossarySource from './glossaire.yaml?raw';
import journeySource from './parcours.yaml?raw';

export const glossary = loadDataFile('src/data/glossaire.yaml', glossarySource, glossarySchema);
export const journey = loadDataFile('src/data/parcours.yaml', journeySource, journeySchema);
export const platform = loadDataFile('src/config/plateforme.yaml', platformSource, platformConfigSchema);
