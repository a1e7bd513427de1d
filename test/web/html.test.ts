/** The HTML of the pages: every inserted value is escaped unless it is markup built the same way. */
import { describe, expect, it } from 'vitest';
import { escape, html, raw } from '../../src/web/html.js';
import { reportPage } from '../../src/web/analyse-page.js';
import { analyse } from '../../src/analyse.js';
import { ourLibrary } from '../helpers/library.js';

describe('html', () => {
  it('escapes text and attributes, keeps nested markup, drops empty values', () => {
    const evil = '<script>alert("x")</script> & \'';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;</p>');
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}${raw('<br>')}`.value).toBe('0<br>');
    expect(escape('a&b')).toBe('a&amp;b');
  });

  it('never lets the letter’s own text become markup in the report page', async () => {
    const r = analyse({ text: 'Madame,\n\nVotre demande <img src=x onerror=alert(1)> a été rejetée par la commission.\n\nLe directeur' }, await ourLibrary(), { profile: 'lettre' });
    const page = reportPage(r).value;
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toMatch(/<mark class="clarte-mark clarte-mark--\w+" id="alerte-\d+" data-categorie="[\w-]+">/);
  });
});
