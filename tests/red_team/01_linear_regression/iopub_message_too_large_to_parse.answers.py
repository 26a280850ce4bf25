# Attack: one IOPub message whose content is pre-packed JSON made of tiny objects ("[{},{},...]").
# The kernel builds it as bytes and sends it on its own iopub socket. The grading process used to
# deserialise the WHOLE message with json.loads before SandboxedExecute.process_message counted it
# against the output cap: every 3 bytes of "{}," become a 64-byte dict, about 24x, so 75 MB became
# about 2 GB in the grader (red team: 2.2 GB peak), and the 1.5 GB a 4 GiB kernel can send would
# have had the OOM killer end the grading worker. The grader's kernel client now refuses any message
# over 17 MiB (zmq MAXMSGSIZE, coursekit.runner.kernel): the message is never parsed (peak 238 MB),
# the kernel's output channel goes silent and the notebook stops there ("the kernel stopped
# sending output"). The answer before it is right, but the notebook breaks the grader's channel on
# purpose and nothing after it runs: 0 points, as for any notebook whose kernel stops answering.
# based-on: solved
# expect-score: 0
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
def _bomb(n):
    k = get_ipython().kernel
    body = b'{"name": "stdout", "text": [' + b'{},' * n + b'{}]}'
    k.session.send(k.iopub_socket, "stream", content=body, parent=k.get_parent("shell"),
                   ident=b"stream.stdout")
    del body
_bomb(25_000_000)
