# Attack: an AST transformer that deletes every assert and every bare call in later cells.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import ast
class _Strip(ast.NodeTransformer):
    def visit_Assert(self, node):
        return None
    def visit_Expr(self, node):
        return ast.Pass() if isinstance(node.value, ast.Call) else node
get_ipython().ast_transformers.append(_Strip())
