import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute', () => {
    expect(escapeHtml(`<script>alert('x')</script> & "y"`)).toBe(
      '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;',
    );
  });

  it('escapes an ampersand once, so an entity in the input shows as typed', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves Vietnamese text as it is', () => {
    expect(escapeHtml('Nguyễn Thị Hồng Nhung')).toBe('Nguyễn Thị Hồng Nhung');
  });
});
