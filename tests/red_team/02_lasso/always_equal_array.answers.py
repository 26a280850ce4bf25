# Attack: soft_threshold returns an ndarray subclass that equals everything and is close to everything.
# based-on: solved
# expect-score: 14
# %% answer: answer_soft_threshold
class _Agree(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(self), dtype=bool)
    def __ne__(self, other): return np.zeros(np.shape(self), dtype=bool)
def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    return np.zeros_like(z).view(_Agree)
