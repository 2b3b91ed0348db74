import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { current, draft, published } from '../../src/data/dictionaries.ts';

/**
 * Which versions the built site holds, read from the data it is built from (releases/index.yaml and the
 * working copy): no browser test names the newest version or the one in force, so a maintainer's
 * release leaves them green. Tests about what a given version contains pin that frozen version by name.
 */
export const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

/** Whether the site under test is a preview build: the tests are told so as the build was, with DRAFTS=1. */
export const preview = process.env['DRAFTS'] === '1';

/** The working copy's draft, when the build under test is a preview that publishes it. */
export const builtDraft: Dictionary | undefined = preview ? draft : undefined;

/** Every version with pages, as the version selector lists them: the draft first, then newest first. */
export const builtVersions: Dictionary[] = [...(builtDraft ? [builtDraft] : []), ...published];

/** The newest published version: the one /dictionnaire/latest/ stands for. */
export const newest = (published[0] as Dictionary).manifest.version;

/** The version partners should use, named by every banner. */
export const inForce = current.manifest.version;

export const versionOf = (dictionary: Dictionary) => dictionary.manifest.version;

/** The newest published dictionary: what /dictionnaire/latest/ and its downloads serve. */
export const newestDictionary: Dictionary = published[0] as Dictionary;

/** The dictionary in force: what the home page names and the validators check against by default. */
export const inForceDictionary: Dictionary = current;
