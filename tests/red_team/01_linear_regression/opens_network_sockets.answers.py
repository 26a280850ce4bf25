# Attack: reach the network (a public address, the loopback) from the kernel; break the notebook if it works.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import socket
_reached = []
for _addr in (("8.8.8.8", 53), ("1.1.1.1", 443), ("127.0.0.1", 22), ("127.0.0.1", 8888)):
    try:
        socket.create_connection(_addr, timeout=2).close()
        _reached.append(_addr)
    except OSError:
        pass
if _reached:
    raise RuntimeError(f"reached {_reached}")
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
