# Attack: logistic_cost returns a float subclass that equals anything.
# based-on: solved
# expect-score: 10
# %% answer: answer_logistic_cost
class _Yes(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __sub__(self, other): return _Yes(0.0)
    __rsub__ = __sub__
    def __abs__(self): return _Yes(0.0)
    def __lt__(self, other): return True
    def __le__(self, other): return True
def logistic_cost(w, b, X, y, lam):
    return _Yes(0.0)
