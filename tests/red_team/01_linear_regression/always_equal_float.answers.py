# Attack: rmse returns a float subclass whose comparisons always succeed.
# based-on: solved
# expect-score: 7
# %% answer: answer_rmse
class _Yes(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __abs__(self): return _Yes(0.0)
    def __sub__(self, other): return _Yes(0.0)
    __rsub__ = __sub__
    def __float__(self): return 0.0
def rmse(y_true, y_pred):
    return _Yes(0.0)
