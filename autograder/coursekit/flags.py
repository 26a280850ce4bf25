"""Placeholder replaced by the flags scanner (in progress)."""
from nbgrader.preprocessors import NbGraderPreprocessor


class FlagAnswers(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        return nb, resources
