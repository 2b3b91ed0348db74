import { z } from 'zod';
import { dictionaryOrigins } from '../origin.ts';

/** `origin` of a manifest or a release entry; a schema of its own so that validators never bundle zod. */
export const originSchema = z.enum(dictionaryOrigins, { message: `doit valoir ${dictionaryOrigins.map((o) => `« ${o} »`).join(' ou ')}` });
