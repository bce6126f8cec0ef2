r"""A corpus of cross-site-scripting payloads, grouped by evasion family.

Used by tests/forums/test_xss_corpus.py (every payload through every field that
reaches a page, checked in the HTML) and tests/browser/test_xss.py (the same
pages in Chromium, checked for dialogs and in the live DOM).

The families are the well-known ones from the OWASP filter-evasion cheat sheet,
PortSwigger's XSS cheat sheet and published sanitizer bypasses (DOMPurify and
bleach mXSS reports). Boomity renders Markdown with raw HTML off, so most
tag payloads must come out as visible text; the dangerous ground is where
Markdown itself makes markup: link and image destinations, autolinks,
reference definitions and link titles. Those families are the largest.

Conventions:
- Every payload that would run script calls ``alert(...)`` or sets
  ``window.__xss = 1``, so a browser test can tell that it ran (a dialog, or the
  global). Payloads hidden in base64 ``data:`` URLs are built from readable
  source with ``_b64`` so the alert stays visible here.
- No payload contains NUL: PostgreSQL text columns refuse it, so it could never
  be stored. NUL-like tricks use ``&#0;`` or ``%00`` instead.
- Python escapes (``\u200b``) are used for invisible characters, so the file
  shows what each payload really contains.
"""

from __future__ import annotations

import base64

_ALERT_PAGE = "<script>alert(1)</script>"


def _b64(mime: str, source: str) -> str:
    """A base64 data: URL whose readable source is `source`."""
    return f"data:{mime};base64,{base64.b64encode(source.encode()).decode()}"


_DATA_HTML_B64 = _b64("text/html", _ALERT_PAGE)
_DATA_SVG_B64 = _b64("image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')

# The polyglot by Ahmed Elsobky (0xsobky, "Unleashing an Ultimate XSS Polyglot"):
# runs as a javascript: URL, inside an attribute, and inside most raw-text elements.
POLYGLOT = (
    r"jaVasCript:/*-/*`/*\`/*'/*" + '"' + r"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//"
    r"</stYle/</titLe/</teXtarEa/</scRipt/--!>\x3csVg/<sVg/oNloAd=alert()//>\x3e"
)
# Gareth Heyes' polyglot: breaks out of comments, title, textarea, style, template,
# noembed and script, then lands an onload handler.
HEYES_POLYGLOT = (
    "javascript:\"/*'/*`/*--></noscript></title></textarea></style></template>"
    '</noembed></script><html " onmouseover=/*&lt;svg/*/onload=alert()//>'
)

FAMILIES: dict[str, list[str]] = {
    # Plain script elements, disguised by case, spacing, odd separators and the
    # nesting trick that defeats filters which strip "<script>" only once.
    "script tags": [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<ScRiPt>window.__xss=1</sCrIpT>",
        "<script >alert(1)</script >",
        "<script\n>alert(1)</script\n>",
        "<script\x0c>alert(1)</script>",
        "<script/x>alert(1)</script>",
        "<script type=text/javascript>window.__xss=1</script>",
        "<script src=data:text/javascript,alert(1)></script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<script>alert(1)//",
        '"><script>alert(1)</script>',
        "'><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
    ],
    # Event handlers on the tags that fire them without any click: load/error of
    # media, toggle of details, focus of autofocused controls, marquee start.
    "event handlers": [
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        '<img src=x onerror="window.__xss=1">',
        "<img/src=x/onerror=alert(1)>",
        "<img src=x onerror\n=alert(1)>",
        '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;">',
        "<img src=x:alert(alt) onerror=eval(src) alt=1>",
        "<image src=x onerror=alert(1)>",
        "<body onload=alert(1)>",
        "<body/onpageshow=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg/onload=window.__xss=1>",
        "<details open ontoggle=alert(1)>",
        "<details/open/ontoggle=window.__xss=1>",
        "<video><source onerror=alert(1)></video>",
        "<video src=x onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<select autofocus onfocus=alert(1)></select>",
        "<textarea autofocus onfocus=alert(1)></textarea>",
        "<button autofocus onfocus=alert(1)>b</button>",
        "<marquee onstart=alert(1)>x</marquee>",
        '<div onmouseover=alert(1) style="position:fixed;inset:0">x</div>',
        '<a href="#" onclick="window.__xss=1">click</a>',
        "<p onpointerenter=alert(1)>hover me</p>",
        "<x contenteditable autofocus onfocus=alert(1)>x</x>",
        "<frameset onload=alert(1)>",
        "<input type=image src=x onerror=alert(1)>",
        "<style onload=alert(1)></style>",
    ],
    # Markdown inline links whose destination is a script URL.
    "markdown link schemes": [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](javascript:window.__xss=1)",
        "[click]( javascript:alert(1) )",
        "[click](<javascript:alert(1)>)",
        "[click](javascript://%0Aalert(1))",
        "[click](javascript:void(0);alert(1))",
        '[click](javascript:alert(1) "a title")',
        "[click](\njavascript:alert(1))",
        "[click](vbscript:alert(1))",
        "[click](VBScript:alert(1))",
        f"[click]({_DATA_HTML_B64})",
        "[click](data:text/html,<script>alert(1)</script>)",
        f"[click]({_DATA_SVG_B64})",
        "[click](DATA:text/html,%3Cscript%3Ealert(1)%3C/script%3E)",
    ],
    # CommonMark autolinks <scheme:...> and linkify's bare links.
    "autolinks": [
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<javascript:window.__xss=1>",
        "<vbscript:alert(1)>",
        f"<{_DATA_HTML_B64}>",
        "<javascript&#58;alert(1)>",
        "Look: javascript:alert(1) right here",
        'www.example.org/"onmouseover="alert(1)',
        'https://example.org/"><script>alert(1)</script>',
        '<https://example.org" onclick="alert(1)>',
        "<https://example.org/<img src=x onerror=alert(1)>>",
    ],
    # Reference-style links and images: the destination lives in a definition.
    "reference links": [
        "[click][x]\n\n[x]: javascript:alert(1)",
        "[x]\n\n[x]: javascript:window.__xss=1",
        "[click][]\n\n[click]: <javascript:alert(1)>",
        '[a][b]\n\n[b]: javascript:alert(1) "title"',
        f"[a][b]\n\n[b]:\n  {_DATA_HTML_B64}",
        "[a][b]\n\n[b]: vbscript:alert(1)",
        '[a][b]\n\n[b]: https://example.org "x" onmouseover="alert(1)"',
        "[a][B]\n\n[b]: &#106;avascript:alert(1)",
    ],
    # Raw anchors: raw HTML is off, so these must stay text.
    "raw anchors": [
        '<a href="javascript:alert(1)">click</a>',
        "<a href=javascript:alert(1)>click</a>",
        '<A HREF="JAVASCRIPT:alert(1)">click</A>',
        '<a href="  javascript:alert(1)">click</a>',
        f'<a href="{_DATA_HTML_B64}">click</a>',
        '<a href="vbscript:alert(1)">click</a>',
        '<a href="javascript:alert(1)" target="_blank">click</a>',
        '<a href="&#106;avascript:alert(1)">click</a>',
    ],
    # Character references, which Markdown decodes inside link destinations.
    "entity encoding": [
        "[a](&#106;avascript:alert(1))",
        "[a](&#x6A;avascript:alert(1))",
        "[a](&#x6a&#x61vascript:alert(1))",
        "[a](javascript&colon;alert(1))",
        "[a](java&Tab;script:alert(1))",
        "[a](java&NewLine;script:alert(1))",
        "[a](&#0000106&#0000097vascript:alert(1))",
        "[a](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[a](javascript&#58;alert(1))",
        "[a](javascript&#x3A;alert(1))",
        "[a](jav&#x09;ascript:alert(1))",
        "[a](jav&#x0A;ascript:alert(1))",
        "[a](&#x26;#106;avascript:alert(1))",
        "[a](javascript:alert&#40;1&#41;)",
        "[a](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    ],
    # Percent-encoding: browsers never decode a scheme, but a careless check might.
    "percent encoding": [
        "[a](%6Aavascript:alert(1))",
        "[a](javascript%3Aalert(1))",
        "[a](%6A%61%76%61%73%63%72%69%70%74%3A%61%6C%65%72%74%28%31%29)",
        "[a](java%0ascript:alert(1))",
        "[a](java%09script:alert(1))",
        "[a](%00javascript:alert(1))",
        "[a](%26%23106;avascript:alert(1))",
        "<javascript%3Aalert(1)>",
        "[a](java%E2%80%8Bscript:alert(1))",
    ],
    # Invisible format characters inside the scheme (Unicode category Cf): nh3
    # keeps "java\u200bscript:", which is why is_safe_url refuses them itself.
    "invisible unicode": [
        "[a](java\u200bscript:alert(1))",
        "[a](java\u00adscript:alert(1))",
        "[a](\ufeffjavascript:alert(1))",
        "[a](java\u2060script:alert(1))",
        "[a](javascript\u200b:alert(1))",
        "[a](java\u200cscript:alert(1))",
        "[a](java\u200dscript:window.__xss=1)",
        "[a](java\u180escript:alert(1))",
        "[a](\u2028javascript:alert(1))",
        "<java\u200bscript:alert(1)>",
        '<a href="java\u00adscript:alert(1)">click</a>',
        "[a](java&#8203;script:alert(1))",
        "[a](java&shy;script:alert(1))",
        "[a][r]\n\n[r]: java\u2060script:alert(1)",
    ],
    # Look-alike letters: full-width forms, long s, dotted capital I.
    "full-width and look-alike letters": [
        "[a](\uff4aavascript:alert(1))",
        "[a](\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54\uff1aalert(1))",
        "[a](javascript\uff1aalert(1))",
        "<\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54:alert(1)>",
        "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
        '<a href="\uff4aavascript:alert(1)">click</a>',
        "[a](java\u017fcript:alert(1))",
        "[a](JAVASCR\u0130PT:alert(1))",
    ],
    # Whitespace and control characters before the scheme, which URL parsers strip.
    "leading whitespace and control characters": [
        "[a](\x01javascript:alert(1))",
        "[a](\x1fjavascript:alert(1))",
        "[a](\x0bjavascript:alert(1))",
        "[a](\x0cjavascript:alert(1))",
        "[a](&#1;javascript:alert(1))",
        "[a](&#0;javascript:alert(1))",
        "[a](&#x20;javascript:alert(1))",
        "[a](&#x0D;javascript:alert(1))",
        "[a](\x7fjavascript:alert(1))",
        '<a href="\x01javascript:alert(1)">click</a>',
        "<\x01javascript:alert(1)>",
    ],
    # SVG and MathML, including the mutation-XSS families where a sanitizer and
    # the browser disagree on namespaces (<style> is raw text in HTML, markup in SVG).
    "svg and mathml (mXSS)": [
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;'
        '&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        '<svg><a><set attributeName=href to="javascript:alert(1)"/><text>x</text></a></svg>',
        "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
        "<svg><script>alert(1)</script></svg>",
        '<svg><script href="data:,alert(1)"/></svg>',
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">'
        "x</maction></math>",
        '<math href="javascript:alert(1)">click</math>',
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
        "<svg><title><style><img src onerror=alert(1)>",
        "<math><style><img src=x onerror=alert(1)></style></math>",
        "<svg><desc><![CDATA[</desc><script>alert(1)</script>]]></svg>",
    ],
    # Broken markup that a lenient parser repairs into something live.
    "malformed and nested tags": [
        "<img src=x onerror=alert(1)",
        '<img src="x" onerror="alert(1)',
        '<a href="javascript:alert(1)',
        "<<img src=x onerror=alert(1)//<",
        "<img src=x onerror=alert(1)//<!--",
        "<div><img src=x onerror=alert(1)</div>",
        '<p title="</p><img src=x onerror=alert(1)>">',
        "<img src=x onerror=alert&lpar;1&rpar;>",
        "<img src=`x` onerror=alert(1)>",
        "<</p>img src=x onerror=alert(1)>",
        "<b <img src=x onerror=alert(1)>>",
        "</script><img src=x onerror=alert(1)>",
        '<img """><script>alert(1)</script>">',
        '<div style="width:expression(alert(1))">x</div>',
    ],
    # Comments, CDATA and processing instructions that end earlier than they seem.
    "comments and cdata": [
        "<!--><script>alert(1)</script>-->",
        "<!---><img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)>-->",
        '<!--<img src="--><img src=x onerror=alert(1)//">',
        "<![CDATA[><img src=x onerror=alert(1)>]]>",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        '<? foo="><script>alert(1)</script>">',
        "<!DOCTYPE html><img src=x onerror=alert(1)>",
        "<!-- x --><script>window.__xss=1</script>",
    ],
    # Elements that embed, submit, redirect or re-base the page.
    "embedding, forms and navigation": [
        '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
        '<iframe srcdoc="&lt;img src=x onerror=parent.alert(1)&gt;"></iframe>',
        '<iframe src="javascript:alert(1)"></iframe>',
        f'<iframe src="{_DATA_HTML_B64}"></iframe>',
        "<iframe onload=alert(1)></iframe>",
        '<object data="javascript:alert(1)"></object>',
        f'<object data="{_DATA_HTML_B64}"></object>',
        '<embed src="javascript:alert(1)">',
        f'<embed src="{_DATA_SVG_B64}">',
        '<form action="javascript:alert(1)"><button>Send</button></form>',
        '<form><button formaction="javascript:alert(1)">Go</button></form>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        f'<meta http-equiv="refresh" content="0;url={_DATA_HTML_B64}">',
        '<base href="javascript:alert(1)//">',
        "<style>@import 'javascript:alert(1)';</style>",
        "<style>@import url(data:text/css,body{--x:alert(1)});</style>",
        '<link rel=import href="data:text/html,<script>alert(1)</script>">',
        '<link rel=stylesheet href="javascript:alert(1)">',
        "<isindex action=javascript:alert(1) type=image>",
    ],
    # Polyglots and template injection: one string aimed at many contexts at once.
    "polyglots and templates": [
        POLYGLOT,
        f"[polyglot]({POLYGLOT.split('//%0D')[0]})",
        HEYES_POLYGLOT,
        "'\"--></style></script><script>alert(1)</script>",
        "\"'><img src=x onerror=alert(1)>",
        "<template><img src=x onerror=alert(1)></template>",
        "{{constructor.constructor('alert(1)')()}}",
        "${alert(1)}{{7*7}}{% debug %}",
        '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
        '<xmp><img title="</xmp><img src=x onerror=alert(1)>"></xmp>',
        '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
        '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
        '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
        "<plaintext><img src=x onerror=alert(1)>",
    ],
    # Markdown images: disabled in Boomity, so they must not come back as <img>.
    "markdown images": [
        "![x](javascript:alert(1))",
        f"![x]({_DATA_SVG_B64})",
        f"![x]({_DATA_HTML_B64})",
        '![x" onerror="alert(1)](https://example.org/a.png)',
        '![x](https://example.org/a.png" onerror="alert(1))',
        '![x](x "onerror=alert(1)")',
        "[![x](https://example.org/a.png)](javascript:alert(1))",
        "![x][r]\n\n[r]: javascript:alert(1)",
        "![<img src=x onerror=alert(1)>](https://example.org/a.png)",
    ],
    # Link titles and texts with quotes that try to close the attribute.
    "link titles and quotes": [
        '[a](https://example.org "x\\" onmouseover=\\"alert(1)")',
        "[a](https://example.org 'x\\' onclick=\\'alert(1)')",
        '[a](https://example.org "x&quot; onclick=&quot;alert(1)")',
        '[a](https://example.org (x" onclick="alert(1)))',
        '[a](https://example.org "\\"><script>alert(1)</script>")',
        '[a](https://example.org "&#34;><img src=x onerror=alert(1)>")',
        '[a](https://example.org"onclick="alert(1))',
        '[a"onclick="alert(1)](https://example.org)',
    ],
    # HTML inside code spans and blocks must stay inert text.
    "code spans and blocks": [
        "`<script>alert(1)</script>`",
        "```\n<img src=x onerror=alert(1)>\n```",
        "```html\n<script>alert(1)</script>\n```",
        "    <svg onload=alert(1)>",
        '```"><img src=x onerror=alert(1)>\n```',
        "```javascript:alert(1)\nx\n```",
        "`` ` <img src=x onerror=alert(1)> ` ``",
        "~~~\n</code></pre><script>alert(1)</script>\n~~~",
    ],
    # Markdown and HTML mixed, so one parser's output is another's input.
    "markdown mixed with html": [
        "**<img src=x onerror=alert(1)>**",
        "[<img src=x onerror=alert(1)>](https://example.org)",
        "> <script>alert(1)</script>",
        "- [x](javascript:alert(1))\n- <svg onload=alert(1)>",
        "# <img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>\n\n**bold**\n\n</details>",
        "<div>\n\n[a](javascript:alert(1))\n\n</div>",
        '*<a href="javascript:alert(1)">*x*</a>*',
        "[a](https://example.org)<img src=x onerror=alert(1)>",
        "\\<script>alert(1)\\</script>",
        '[a]: javascript:alert(1)\n\n<a href="[a]">x</a>',
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "<span>[a](javascript:alert(1))</span>",
        "1. ok\n2. <iframe srcdoc='<script>parent.alert(1)</script>'>",
    ],
}

# (family, payload) pairs in a stable order, for loops and failure messages.
PAYLOADS: list[tuple[str, str]] = [
    (family, payload) for family, payloads in FAMILIES.items() for payload in payloads
]
ALL: list[str] = [payload for _, payload in PAYLOADS]
