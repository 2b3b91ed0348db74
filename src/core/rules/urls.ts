/**
 * Where the catalogue of a validator's checks lives: the page « Liste des contrôles » under the
 * validator's page, one anchor per rule (its id, a valid HTML id). Reports link each finding there; the
 * function is all they need, not the catalogue itself.
 */
export const cataloguePage = (validatorPage: string): string => `${validatorPage}controles/`;

export const ruleUrl = (validatorPage: string, rule: string): string => `${cataloguePage(validatorPage)}#${rule}`;

/** The extract validator's page (the workbooks' pages travel with their reports, in `WorkbookNames.page`). */
export const EXTRACT_PAGE = '/verifier/extrait-de-donnees/';
