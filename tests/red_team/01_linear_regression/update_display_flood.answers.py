# Attack: one small display, then update_display_data messages of 5 MiB each (150 MiB in all), which
# nbclient writes into the earlier output without the output cap seeing them. Every output kind counts
# toward the cell's 2 MB: the updates past it are dropped and the cell is interrupted.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
from IPython.display import HTML, display
_handle = display(HTML("<b>small</b>"), display_id=True)
for _i in range(30):
    _handle.update(HTML(f"<p>{_i}</p>" + "y" * (5 * 2**20)))
