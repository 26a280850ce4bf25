"""Lesson 06 reference package: agrees with torch itself, and its checks name the usual mistakes."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from torch import nn

from reference_solutions import torch_weight_decay as ref
from reference_solutions.checks import CheckFailed
from reference_solutions.checks import torch_weight_decay as checks

torch.set_num_threads(1)


# ---------------------------------------------------------------- reference vs torch


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_logistic_gradient_equals_autograd(seed):
    w, b, X, y, lam = checks.random_logistic_problem(seed)
    wt = torch.tensor(w, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    cost = ref.logistic_cost_torch(wt, bt, torch.tensor(X), torch.tensor(y), lam)
    cost.backward()
    gw, gb = ref.logistic_gradient(w, b, X, y, lam)
    assert np.isclose(float(cost.detach()), ref.logistic_cost(w, b, X, y, lam), rtol=1e-12)
    assert np.allclose(gw, wt.grad.numpy(), rtol=1e-10, atol=1e-13)
    assert np.isclose(gb, float(bt.grad), rtol=1e-10, atol=1e-13)


def test_gradient_step_lowers_the_cost():
    w, b, X, y, lam = checks.random_logistic_problem(5)
    w1, b1 = ref.gradient_step(w, b, X, y, lam, lr=0.05)
    assert ref.logistic_cost(w1, b1, X, y, lam) < ref.logistic_cost(w, b, X, y, lam)


@pytest.mark.parametrize("seed", [11, 23])
def test_weight_penalty_gradient_is_lambda_times_weight_and_zero_on_biases(seed):
    model, _, _ = checks.random_network(seed)
    ref.weight_penalty(model, 0.7).backward()
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            assert torch.allclose(param.grad, 0.7 * param.detach())
        else:
            assert param.grad is None or torch.all(param.grad == 0)


@pytest.mark.parametrize("seed", [11, 23, 37])
def test_sgd_weight_decay_with_param_groups_equals_manual_penalty_to_1e_6(seed):
    model, X, y = checks.random_network(seed)
    manual = ref.train_manual_l2(ref.clone(model), X, y, lam=0.5, lr=0.3, steps=200)
    decayed = ref.clone(model)
    opt = torch.optim.SGD(ref.sgd_param_groups(decayed, 0.5), lr=0.3)
    ref.train_with_optimizer(decayed, X, y, opt, steps=200)
    diff = torch.max(torch.abs(ref.flat_parameters(manual) - ref.flat_parameters(decayed)))
    assert diff < 1e-6


def test_sgd_weight_decay_on_all_parameters_also_decays_biases():
    model, X, y = checks.random_network(23)
    manual = ref.train_manual_l2(ref.clone(model), X, y, lam=0.5, lr=0.3, steps=50)
    everything = ref.clone(model)
    opt = torch.optim.SGD(everything.parameters(), lr=0.3, weight_decay=0.5)
    ref.train_with_optimizer(everything, X, y, opt, steps=50)
    diff = torch.max(torch.abs(ref.flat_parameters(manual) - ref.flat_parameters(everything)))
    assert diff > 1e-3


def test_adam_weight_decay_is_coupled_l2_and_adamw_differs():
    model, X, y = checks.random_network(37)
    lam, lr, steps = 0.1, 0.05, 60
    a = ref.clone(model)
    adam_wd = ref.train_with_optimizer(
        a, X, y, torch.optim.Adam(ref.sgd_param_groups(a, lam), lr=lr), steps)  # weights only, coupled
    b = ref.clone(model)
    adam_manual = ref.train_with_optimizer(b, X, y, torch.optim.Adam(b.parameters(), lr=lr), steps,
                                           penalty=lambda m: ref.weight_penalty(m, lam))
    c = ref.clone(model)
    adamw = ref.train_with_optimizer(c, X, y, torch.optim.AdamW(ref.sgd_param_groups(c, lam), lr=lr), steps)
    coupled = torch.max(torch.abs(ref.flat_parameters(adam_wd) - ref.flat_parameters(adam_manual)))
    decoupled = torch.max(torch.abs(ref.flat_parameters(adam_wd) - ref.flat_parameters(adamw)))
    assert coupled < 1e-8
    assert decoupled > 1e-3


def test_weight_decay_2_lambda_over_n_reproduces_a_lecture_gradient_step():
    w, b, X, y, lam = checks.random_logistic_problem(41)
    n, lr = X.shape[0], 0.1
    w_ref, b_ref = ref.gradient_step(w, b, X, y, lam, lr)
    model = nn.Linear(X.shape[1], 1).double()
    with torch.no_grad():
        model.weight.copy_(torch.tensor(w)[None, :])
        model.bias.fill_(b)
    opt = torch.optim.SGD([{"params": [model.weight], "weight_decay": ref.lecture_lambda_to_weight_decay(lam, n)},
                           {"params": [model.bias], "weight_decay": 0.0}], lr=lr)
    ref.train_with_optimizer(model, torch.tensor(X), torch.tensor(y)[:, None], opt, steps=1)
    assert np.allclose(model.weight.detach().numpy().ravel(), w_ref, rtol=1e-12)
    assert np.isclose(float(model.bias.detach()), b_ref, rtol=1e-12)
    assert np.isclose(ref.weight_decay_to_lecture_lambda(ref.lecture_lambda_to_weight_decay(lam, n), n), lam)


# ---------------------------------------------------------------- the checks accept the reference


def test_checks_accept_the_reference():
    checks.check_logistic_cost(ref.logistic_cost)
    checks.check_logistic_gradient(ref.logistic_gradient)
    checks.check_penalty_excludes_biases(ref.weight_penalty)
    checks.check_penalty_matches_reference(ref.weight_penalty)
    checks.check_train_manual_l2(ref.train_manual_l2)
    checks.check_sgd_param_groups(ref.sgd_param_groups)
    checks.check_weight_decay_conversion(ref.lecture_lambda_to_weight_decay, ref.weight_decay_to_lecture_lambda)


# ---------------------------------------------------------------- and reject typical mistakes


def _cost(factor, penalise_b=False):
    def cost(w, b, X, y, lam):
        n = len(y)
        extra = factor(lam, n) * (np.sum(w ** 2) + (b ** 2 if penalise_b else 0.0))
        return ref.logistic_cost(w, b, X, y, 0.0) + extra
    return cost


@pytest.mark.parametrize("wrong, message", [
    (_cost(lambda lam, n: lam / (2 * n)), "λ/(2n)"),
    (_cost(lambda lam, n: lam), "divide it by n"),
    (_cost(lambda lam, n: lam / n, penalise_b=True), "intercept b is penalised"),
    (_cost(lambda lam, n: 0.0), "no penalty"),
])
def test_cost_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message.replace("(", r"\(").replace(")", r"\)")):
        checks.check_logistic_cost(wrong)


def _grad(kind):
    def grad(w, b, X, y, lam):
        n = len(y)
        gw, gb = ref.logistic_gradient(w, b, X, y, 0.0)
        if kind == "lam_over_n":
            return gw + lam / n * w, gb
        if kind == "bias":
            return gw + 2 * lam / n * w, gb + 2 * lam / n * b
        if kind == "no_n":
            return gw + 2 * lam * w, gb
        raise ValueError(kind)
    return grad


@pytest.mark.parametrize("kind, message", [
    ("lam_over_n", "derivative of"), ("bias", "grad_b includes a penalty"), ("no_n", "2λ·w"),
])
def test_gradient_check_names_the_mistake(kind, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_logistic_gradient(_grad(kind))


def _penalty(kind):
    def penalty(model, lam):
        total = 0.0
        for name, p in model.named_parameters():
            lam_l = lam[name] if isinstance(lam, dict) and name in lam else (0.0 if isinstance(lam, dict) else lam)
            if kind == "biases":
                if isinstance(lam, dict):
                    lam_l = lam.get(name.rsplit(".", 1)[0] + ".weight", 0.0)
                total = total + 0.5 * lam_l * torch.sum(p ** 2)
                continue
            if not name.endswith("weight"):
                continue
            if kind == "no_half":
                total = total + lam_l * torch.sum(p ** 2)
            elif kind == "not_squared":
                total = total + 0.5 * lam_l * torch.linalg.norm(p)
            elif kind == "detached":
                total = total + 0.5 * lam_l * float(torch.sum(p.detach() ** 2))
        return total if torch.is_tensor(total) else torch.tensor(total)
    return penalty


def test_penalty_checks_catch_penalised_biases():
    with pytest.raises(CheckFailed, match="biases"):
        checks.check_penalty_excludes_biases(_penalty("biases"))
    with pytest.raises(CheckFailed, match="biases are penalised"):
        checks.check_penalty_matches_reference(_penalty("biases"))


@pytest.mark.parametrize("kind, message", [
    ("no_half", "1/2 is missing"), ("not_squared", "not squared"), ("detached", "autograd graph"),
])
def test_penalty_check_names_the_mistake(kind, message):
    checks.check_penalty_excludes_biases(_penalty(kind))  # these do leave the biases alone
    with pytest.raises(CheckFailed, match=message):
        checks.check_penalty_matches_reference(_penalty(kind))


@pytest.mark.parametrize("lookup, message", [
    (lambda lam, name: lam[name], "lam.get"),            # KeyError on the weight missing from the dict
    (lambda lam, name: lam.get(name, 1.0), "not in the dict, so it is not penalised"),
])
def test_penalty_check_requires_missing_dict_weights_unpenalised(lookup, message):
    def penalty(model, lam):
        total = 0.0
        for name, p in model.named_parameters():
            if name.endswith("weight"):
                total = total + 0.5 * (lookup(lam, name) if isinstance(lam, dict) else lam) * torch.sum(p ** 2)
        return total
    with pytest.raises(CheckFailed, match=message):
        checks.check_penalty_matches_reference(penalty)


def _loop(kind):
    def train(model, X, y, lam, lr, steps):
        if kind == "adamw":
            opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=lam)
        elif kind == "sgd_wd_all":
            opt = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)
        else:
            opt = torch.optim.SGD(model.parameters(), lr=lr)
        for _ in range(steps):
            opt.zero_grad()
            loss = ref.bce_loss(model, X, y)
            if kind == "no_half":
                loss = loss + 2 * ref.weight_penalty(model, lam)
            loss.backward()
            opt.step()
            if kind == "after_step":
                loss = loss + ref.weight_penalty(model, lam)
        return model
    return train


@pytest.mark.parametrize("kind, message", [
    ("adamw", "AdamW"), ("sgd_wd_all", "biases were penalised"), ("after_step", "no penalty at all"),
    ("no_half", "1/2 is missing"),
])
def test_training_loop_check_names_the_mistake(kind, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_train_manual_l2(_loop(kind))


@pytest.mark.parametrize("groups, message", [
    (lambda m, lam: [{"params": list(m.parameters()), "weight_decay": lam}], "biases get weight_decay"),
    (lambda m, lam: [{"params": [p for n, p in m.named_parameters() if n.endswith("weight")],
                      "weight_decay": lam / 2},
                     {"params": [p for n, p in m.named_parameters() if n.endswith("bias")],
                      "weight_decay": 0.0}], "λ/2"),
    (lambda m, lam: [{"params": [p for n, p in m.named_parameters() if n.endswith("weight")],
                      "weight_decay": lam}], "in no group"),
])
def test_param_group_check_names_the_mistake(groups, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_sgd_param_groups(groups)


@pytest.mark.parametrize("to_wd, to_lam, message", [
    (lambda lam, n: lam / n, lambda wd, n: n * wd, "misses the 2"),
    (lambda lam, n: lam / (2 * n), lambda wd, n: 2 * n * wd, "λ/\\(2n\\) convention"),
    (lambda lam, n: lam, lambda wd, n: wd, "not PyTorch's weight_decay"),
    (lambda lam, n: 2 * lam / n, lambda wd, n: n * wd, "n·wd/2"),
])
def test_conversion_check_names_the_mistake(to_wd, to_lam, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_weight_decay_conversion(to_wd, to_lam)


def _unanswered(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [
    checks.check_logistic_cost, checks.check_logistic_gradient, checks.check_penalty_excludes_biases,
    checks.check_penalty_matches_reference, checks.check_train_manual_l2, checks.check_sgd_param_groups,
])
def test_checks_report_a_crash_in_student_code_as_a_failure_naming_it(check):
    with pytest.raises(CheckFailed, match="raised NotImplementedError"):
        check(_unanswered)


# ---------------------------------------------------------------- issue 25: first messages that say what the student did


def _student_error(name):
    """An exception as the judge replays a student's: a class of that name, not the builtin."""
    return type(name, (Exception,), {"__module__": "student"})


def _loop_variant(kind):
    def train(model, X, y, lam, lr, steps):
        opt = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam if kind == "twice" else 0.0,
                              momentum=0.9 if kind == "momentum" else 0.0)
        n_steps = steps - 1 if kind == "one_short" else steps
        for _ in range(n_steps):
            if kind != "no_zero_grad":
                opt.zero_grad()
            reduction = "sum" if kind == "summed" else "mean"
            loss = nn.functional.binary_cross_entropy_with_logits(model(X), y, reduction=reduction)
            (loss + ref.weight_penalty(model, lam)).backward()
            opt.step()
        return model
    return train


@pytest.mark.parametrize("kind, message, mistake", [
    ("no_zero_grad", "you never zero the gradients (optimizer.zero_grad())", "no_zero_grad"),
    ("twice", "the penalty is applied twice", "penalty_twice"),
    ("summed", "SUM of the cross-entropies", "summed_bce"),
    ("one_short", "the weights are those after", "wrong_step_count"),
    ("momentum", "momentum=0.9", "momentum"),
])
def test_training_loop_check_says_what_the_loop_did(kind, message, mistake):
    with pytest.raises(CheckFailed) as info:
        checks.check_train_manual_l2(_loop_variant(kind), ref.weight_penalty)
    assert str(info.value).split(": ", 1)[1].startswith(message) or message in str(info.value)
    assert info.value.mistake == f"torch_weight_decay.train_manual_l2.{mistake}"
    assert "Exercise 3" not in str(info.value), "the student's weight_penalty is right"


@pytest.mark.parametrize("text, message, mistake", [
    ("all elements of input should be between 0 and 1", "binary_cross_entropy_with_logits", "bce_on_logits"),
    ("Trying to backward through the graph a second time (or directly access saved tensors after they have "
     "already been freed).", "inside the loop", "penalty_computed_once"),
    ("Target size (torch.Size([20, 1])) must be the same as input size (torch.Size([20]))", "shape (n, 1)",
     "shape_mismatch"),
])
def test_training_loop_errors_state_the_rule(text, message, mistake):
    def replayed(model, X, y, lam, lr, steps):
        raise _student_error("RuntimeError" if "graph" in text else "ValueError")(text)
    with pytest.raises(CheckFailed, match=re.escape(message)) as info:
        checks.check_train_manual_l2(replayed)
    assert info.value.mistake == f"torch_weight_decay.train_manual_l2.{mistake}"


def test_real_errors_of_the_loop_are_named_too():
    def probabilities(model, X, y, lam, lr, steps):
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        for _ in range(steps):
            opt.zero_grad()
            (nn.functional.binary_cross_entropy(model(X), y) + ref.weight_penalty(model, lam)).backward()
            opt.step()
        return model

    def penalty_once(model, X, y, lam, lr, steps):
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        penalty = ref.weight_penalty(model, lam)
        for _ in range(steps):
            opt.zero_grad()
            (ref.bce_loss(model, X, y) + penalty).backward()
            opt.step()
        return model

    for loop, mistake in ((probabilities, "bce_on_logits"), (penalty_once, "penalty_computed_once")):
        with pytest.raises(CheckFailed) as info:
            checks.check_train_manual_l2(loop)
        assert info.value.mistake == f"torch_weight_decay.train_manual_l2.{mistake}"


def _penalty_of(kind):
    def penalty(model, lam):
        total = torch.zeros(())
        for name, p in model.named_parameters():
            if kind == "biases" or name.endswith("weight"):
                total = total + 0.5 * lam * torch.sum(p ** 2)
        return torch.tensor(total.item()) if kind == "detached" else total
    return penalty


@pytest.mark.parametrize("kind, mistake, words", [
    ("detached", "no_penalty", "cut off from autograd"),
    ("biases", "penalises_biases", "biases are penalised"),
])
def test_loop_failures_that_come_from_weight_penalty_name_exercise_3(kind, mistake, words):
    def loop(model, X, y, lam, lr, steps):  # a right loop that calls the student's (wrong) penalty
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        for _ in range(steps):
            opt.zero_grad()
            (ref.bce_loss(model, X, y) + _penalty_of(kind)(model, lam)).backward()
            opt.step()
        return model
    with pytest.raises(CheckFailed) as info:
        checks.check_train_manual_l2(loop, _penalty_of(kind))
    message = str(info.value)
    assert message.index("your weight_penalty (Exercise 3) is the cause") < message.index(words)
    assert info.value.mistake == f"torch_weight_decay.train_manual_l2.{mistake}"
    # the same loop with a right penalty passes: the check blames Exercise 3 only when it is wrong
    checks.check_train_manual_l2(ref.train_manual_l2, ref.weight_penalty)


def test_a_loop_of_its_own_with_a_wrong_weight_penalty_names_exercise_3():
    def odd_loop(model, X, y, lam, lr, steps):
        return ref.train_manual_l2(model, X, y, lam * 1.37, lr, steps)
    with pytest.raises(CheckFailed, match=re.escape("weight_penalty (Exercise 3) is wrong")) as info:
        checks.check_train_manual_l2(odd_loop, lambda m, lam: 3 * ref.weight_penalty(m, lam))
    assert info.value.mistake == "torch_weight_decay.train_manual_l2.weight_penalty_wrong"


def test_penalty_keyerror_is_named_as_the_judge_replays_it():
    def replayed(model, lam):
        if isinstance(lam, dict) and len(lam) < len([n for n, _ in model.named_parameters() if n.endswith("weight")]):
            missing = next(n for n, _ in model.named_parameters() if n.endswith("weight") and n not in lam)
            raise _student_error("KeyError")(repr(missing))
        return ref.weight_penalty(model, lam)
    with pytest.raises(CheckFailed, match="has no entry in the dict is not penalised") as info:
        checks.check_penalty_matches_reference(replayed)
    assert info.value.mistake == "torch_weight_decay.penalty_matches_reference.missing_weight_keyerror"


@pytest.mark.parametrize("which, message, mistake", [("first", "only the FIRST", "first_weight_only"),
                                                     ("last", "only the LAST", "last_weight_only")])
def test_penalty_check_names_a_single_layer(which, message, mistake):
    def penalty(model, lam):
        names = [n for n, _ in model.named_parameters() if n.endswith("weight")]
        name = names[0] if which == "first" else names[-1]
        lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
        return 0.5 * lam_l * torch.sum(dict(model.named_parameters())[name] ** 2)
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_penalty_matches_reference(penalty)
    assert info.value.mistake == f"torch_weight_decay.penalty_matches_reference.{mistake}"


def test_cost_and_gradient_checks_name_n_from_the_wrong_axis_and_a_missing_intercept():
    cases = [
        (checks.check_logistic_cost, lambda w, b, X, y, lam: ref.logistic_cost(w, b, X, y, lam * X.shape[0] / X.shape[1]),
         "the number of weights", "logistic_cost.lambda_over_p"),
        (checks.check_logistic_cost, lambda w, b, X, y, lam: ref.logistic_cost(w, 0.0, X, y, lam),
         "b is missing from z", "logistic_cost.no_intercept_in_z"),
        (checks.check_logistic_gradient,
         lambda w, b, X, y, lam: (ref.logistic_gradient(w, b, X, y, lam)[0] + 2 * lam * w * (1 / X.shape[1] - 1 / X.shape[0]),
                                  ref.logistic_gradient(w, b, X, y, lam)[1]),
         "the number of weights", "logistic_gradient.lambda_over_p"),
        (checks.check_logistic_gradient, lambda w, b, X, y, lam: ref.logistic_gradient(w, 0.0, X, y, lam),
         "b is missing from z", "logistic_gradient.no_intercept_in_z"),
        (checks.check_logistic_cost, lambda w, b, X, y, lam: ref.logistic_cost(w, b, X, 1 - y, lam),
         "labels are flipped", "logistic_cost.labels_flipped"),
        (checks.check_logistic_cost, lambda w, b, X, y, lam: ref.logistic_cost(w, b, X, y, lam / 2),
         "λ/(2n)", "logistic_cost.lambda_over_2n"),
    ]
    for check, wrong, message, mistake in cases:
        with pytest.raises(CheckFailed, match=re.escape(message)) as info:
            check(wrong)
        assert info.value.mistake == f"torch_weight_decay.{mistake}"


@pytest.mark.parametrize("groups, message, mistake", [
    (lambda m, lam: [{"params": [n for n, _ in m.named_parameters() if n.endswith("weight")], "weight_decay": lam},
                     {"params": [n for n, _ in m.named_parameters() if n.endswith("bias")], "weight_decay": 0.0}],
     "parameter NAMES", "names_not_tensors"),
    (lambda m, lam: [{"params": [p for n, p in m.named_parameters() if n.endswith("weight")], "decay": lam},
                     {"params": [p for n, p in m.named_parameters() if n.endswith("bias")], "decay": 0.0}],
     "no 'weight_decay' key", "misspelled_key"),
])
def test_param_group_check_says_what_the_groups_hold(groups, message, mistake):
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_sgd_param_groups(groups)
    assert info.value.mistake == f"torch_weight_decay.sgd_param_groups.{mistake}"


@pytest.mark.parametrize("to_wd, to_lam, phrases, mistake", [
    (lambda lam, n: 2 * lam * n, lambda wd, n: wd / (2 * n), ["n in the numerator"], "wrong_factors"),
    (lambda lam, n: lam / (2 * n ** 2), lambda wd, n: 2 * n ** 2 * wd, ["a 1/2 where the 2 belongs", "n squared"], "wrong_factors"),
    (lambda lam, n: n / (2 * lam), lambda wd, n: n / (2 * wd), ["λ in the denominator", "n in the numerator"], "wrong_factors"),
    (lambda lam, n: 2 * lam / n, lambda wd, n: wd / (2 * n), ["n in the denominator"], "inverse_wrong_factors"),
])
def test_conversion_check_names_every_wrong_factor(to_wd, to_lam, phrases, mistake):
    with pytest.raises(CheckFailed) as info:
        checks.check_weight_decay_conversion(to_wd, to_lam)
    for phrase in phrases:
        assert phrase in str(info.value)
    assert info.value.mistake == f"torch_weight_decay.weight_decay_conversion.{mistake}"


def test_checks_accept_more_equivalent_answers(capsys):
    def loop_sigmoid_bce_new_optimizer(model, X, y, lam, lr, steps):  # probabilities + BCE; a fresh SGD per step
        for step in range(steps):
            opt = torch.optim.SGD(model.parameters(), lr=lr)
            opt.zero_grad()
            loss = nn.functional.binary_cross_entropy(torch.sigmoid(model(X)), y) + ref.weight_penalty(model, lam)
            loss.backward()
            opt.step()
            print(step, loss.item())
        return model

    def groups_named(model, lam):  # extra keys; the bias group relies on SGD's default weight_decay=0
        weights = [p for p in model.parameters() if p.ndim > 1]
        return [{"params": weights, "weight_decay": lam, "label": "decay"},
                {"params": [p for p in model.parameters() if p.ndim == 1], "label": "no decay"}]

    checks.check_train_manual_l2(loop_sigmoid_bce_new_optimizer, ref.weight_penalty)
    checks.check_sgd_param_groups(groups_named)
    checks.check_weight_decay_conversion(lambda lam, n: lam / (n / 2), lambda wd, n: wd / (2 / n))
