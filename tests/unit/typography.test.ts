import { describe, expect, it } from 'vitest';
import { frenchTypography, typesetHtml } from '../../src/core/typography.ts';

const visible = (text: string) => text.replaceAll('\u202f', '⍽').replaceAll('\u00a0', '␣');

describe('French typography', () => {
  it('puts no-break spaces inside guillemets and before high punctuation', () => {
    expect(visible(frenchTypography('Le champ « TIT_NIR » : obligatoire ; vraiment ? Oui !'))).toMatchInlineSnapshot(`"Le champ «⍽TIT_NIR⍽»␣: obligatoire⍽; vraiment⍽? Oui⍽!"`);
  });

  it('leaves URLs, times and code untouched', () => {
    expect(frenchTypography('https://exemple.fr et 10:30')).toBe('https://exemple.fr et 10:30');
    expect(visible(typesetHtml('<p>Exemple : <code>a ? b : c</code></p><script>x ? y : z</script>'))).toMatchInlineSnapshot(`"<p>Exemple␣: <code>a ? b : c</code></p><script>x ? y : z</script>"`);
  });

  it('leaves attributes untouched', () => {
    expect(typesetHtml('<a title="Voir ? oui" href="/a/">Lien ?</a>')).toBe('<a title="Voir ? oui" href="/a/">Lien\u202f?</a>');
  });
});
