# Attack: grab memory 2 GB at a time until something breaks; the kernel's memory limit stops it.
# based-on: solved
# expect-score: 7
# %% answer: answer_baseline
_hoard = []
for _ in range(12):
    _hoard.append(bytearray(2 * 1024**3))
    _hoard[-1][::4096] = b"x" * len(range(0, 2 * 1024**3, 4096))
