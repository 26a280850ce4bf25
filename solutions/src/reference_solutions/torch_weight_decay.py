"""Lesson 06 reference: L2 for logistic regression and neural networks, PyTorch weight decay.

Two conventions appear in this lesson; every factor is written out.

1. **Lecture convention (logistic regression from scratch).** With n samples, weights w
   (length p) and an unpenalised intercept b::

       J(w, b) = (1/n) Σ_i BCE(y_i, σ(b + x_i·w))  +  (λ/n) Σ_j w_j²

   where BCE(y, p) = -[y log p + (1 - y) log(1 - p)]. Its gradient is::

       ∂J/∂w = (1/n) Xᵀ(σ(b + Xw) - y) + (2λ/n) w
       ∂J/∂b = (1/n) Σ_i (σ(b + x_i·w) - y_i)          (no penalty term: b is not penalised)

   The factor is λ/n, not λ/(2n) (a common alternative, whose gradient term is (λ/n) w).

2. **PyTorch convention (networks).** The data loss is a batch mean; the penalty is::

       (1/2) Σ_layers λ_l ||W_l||_F²        (squared Frobenius norm, weights only, no biases)

   Its gradient with respect to W_l is λ_l W_l, which is exactly what
   ``torch.optim.SGD(weight_decay=λ)`` adds to each gradient of its group. So SGD with
   ``weight_decay=λ`` on the weights (and 0 on the biases) takes the same steps as SGD on
   ``mean loss + (λ/2) Σ ||W||_F²``.

Converting: the lecture penalty (λ/n) Σ w² has gradient (2λ/n) w, so it corresponds to
``weight_decay = 2λ/n``; conversely ``weight_decay = wd`` is the lecture λ = n·wd/2.

Adam(weight_decay=λ) is *coupled* L2: λ·w is added to the gradient before Adam's adaptive
scaling, so it equals Adam on the loss + (λ/2)||w||². AdamW(weight_decay=λ) is *decoupled*:
each step also multiplies the weights by (1 - lr·λ), outside the adaptive scaling. For the
same λ the two give different weights.
"""

from __future__ import annotations

import copy

import numpy as np
import torch
from torch import nn

# --------------------------------------------------------------------------------------
# Logistic regression from scratch (lecture convention: mean BCE + (λ/n) Σ w²)
# --------------------------------------------------------------------------------------


def sigmoid(z):
    """σ(z) = 1 / (1 + exp(-z)), computed without overflow."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_cost(w, b, X, y, lam):
    """J(w, b) = (1/n) Σ_i BCE(y_i, σ(b + x_i·w)) + (λ/n) Σ_j w_j²  (b is not penalised).

    The cross-entropy is computed stably as log(1 + e^z) - y z with z = b + Xw.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    w = np.asarray(w, dtype=float).ravel()
    n = X.shape[0]
    z = b + X @ w
    data = np.mean(np.logaddexp(0.0, z) - y * z)
    return float(data + lam / n * np.sum(w ** 2))


def logistic_gradient(w, b, X, y, lam):
    """Gradient of :func:`logistic_cost`: returns ``(grad_w, grad_b)``.

    grad_w = (1/n) Xᵀ(σ(b + Xw) - y) + (2λ/n) w   (shape (p,))
    grad_b = (1/n) Σ (σ(b + Xw) - y)              (a float; no penalty on b)
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    w = np.asarray(w, dtype=float).ravel()
    n = X.shape[0]
    r = sigmoid(b + X @ w) - y
    return X.T @ r / n + 2.0 * lam / n * w, float(np.mean(r))


def gradient_step(w, b, X, y, lam, lr):
    """One gradient-descent step on :func:`logistic_cost`: ``(w - lr·grad_w, b - lr·grad_b)``."""
    gw, gb = logistic_gradient(w, b, X, y, lam)
    return np.asarray(w, dtype=float) - lr * gw, float(b - lr * gb)


def logistic_cost_torch(w, b, X, y, lam):
    """The same cost on torch tensors (for autograd): BCE-with-logits mean + (λ/n) Σ w²."""
    n = X.shape[0]
    z = b + X @ w
    return nn.functional.binary_cross_entropy_with_logits(z, y) + lam / n * torch.sum(w ** 2)


# --------------------------------------------------------------------------------------
# Networks (PyTorch convention: mean loss + (1/2) Σ λ_l ||W_l||_F², weights only)
# --------------------------------------------------------------------------------------


def is_weight(name, param):
    """True for parameters that are penalised: the ``weight`` of a layer, never a ``bias``."""
    return name.split(".")[-1] == "weight"


def weight_penalty(model, lam):
    """(1/2) Σ_l λ_l ||W_l||_F² over the weight matrices of ``model`` (biases excluded).

    ``lam`` is a number (the same λ for every weight) or a dict ``{parameter name: λ}``
    with one λ per weight (e.g. ``{"0.weight": 1e-3, "2.weight": 1e-2}``); a weight missing
    from the dict is not penalised. Returns a 0-dim tensor that is part of the autograd graph,
    so ``(loss + weight_penalty(model, lam)).backward()`` adds λ_l W_l to each weight's gradient.
    """
    total = None
    for name, param in model.named_parameters():
        if not is_weight(name, param):
            continue
        lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
        term = 0.5 * lam_l * torch.sum(param ** 2)
        total = term if total is None else total + term
    if total is None:
        return torch.zeros((), dtype=torch.get_default_dtype())
    return total


def bce_loss(model, X, y):
    """Mean binary cross-entropy of the logits ``model(X)`` (shape (n, 1)) against ``y`` (n, 1)."""
    return nn.functional.binary_cross_entropy_with_logits(model(X), y)


def train_manual_l2(model, X, y, lam, lr, steps):
    """Full-batch SGD (no weight_decay) on mean BCE + weight_penalty(model, lam), in place.

    Each step: zero the gradients, compute the loss *including* the penalty, backward, step.
    Returns the model.
    """
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = bce_loss(model, X, y) + weight_penalty(model, lam)
        loss.backward()
        optimizer.step()
    return model


def sgd_param_groups(model, lam):
    """Parameter groups that make ``torch.optim.SGD(groups, lr=lr)`` equal :func:`train_manual_l2`.

    Weights get ``weight_decay = λ`` (SGD adds λ·W to their gradient, the gradient of
    (λ/2)||W||²); biases get ``weight_decay = 0``. Every parameter appears exactly once.
    """
    weights, biases = [], []
    for name, param in model.named_parameters():
        (weights if is_weight(name, param) else biases).append(param)
    return [{"params": weights, "weight_decay": lam}, {"params": biases, "weight_decay": 0.0}]


def train_with_optimizer(model, X, y, optimizer, steps, penalty=None):
    """Full-batch training of ``model`` with a given optimizer; ``penalty(model)`` is added
    to the mean BCE when given. Returns the model."""
    for _ in range(steps):
        optimizer.zero_grad()
        loss = bce_loss(model, X, y)
        if penalty is not None:
            loss = loss + penalty(model)
        loss.backward()
        optimizer.step()
    return model


def lecture_lambda_to_weight_decay(lam, n):
    """weight_decay that matches the lecture penalty (λ/n) Σ w²: its gradient is (2λ/n) w, so 2λ/n."""
    return 2.0 * lam / n


def weight_decay_to_lecture_lambda(weight_decay, n):
    """The lecture λ for a given weight_decay (inverse of the above): n · weight_decay / 2."""
    return n * weight_decay / 2.0


def make_mlp(in_features, hidden, seed, out_features=1, activation=nn.Tanh, dtype=torch.float64):
    """A seeded MLP: Linear → activation for each hidden width, then Linear to ``out_features``."""
    torch.manual_seed(seed)
    layers, width = [], in_features
    for h in hidden:
        layers += [nn.Linear(width, h), activation()]
        width = h
    layers.append(nn.Linear(width, out_features))
    return nn.Sequential(*layers).to(dtype)


def flat_parameters(model):
    """All parameters of ``model`` as one detached 1-D tensor (in named_parameters order)."""
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def clone(model):
    """An independent copy of ``model`` (same parameters, separate storage)."""
    return copy.deepcopy(model)
