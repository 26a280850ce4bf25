# Attack: the torch twin of tests/red_team/01_linear_regression/zeroes_the_inputs_the_reference_then_sees.
# weight_penalty is right on the notebook's own networks and for a float lambda, but on any other
# network with a dict of per-layer lambdas it zeroes the weights IN PLACE and returns the (now 0)
# penalty, still tied to autograd. The probe reports the changed state_dict and the judge copies it
# into its own model (replay._apply_mutations); it used to do so WITHOUT marking the call "changed its input
# in place" (only ndarray arguments were), so check_penalty_matches_reference computed `right` (and the expected
# gradient lambda*W) on the zeroed model: 0 == 0 (red team, 12/12). An honest grader loses
# penalty_matches_reference (2 of 12): lam.get(name, 0.0) gives a missing layer no penalty.
# based-on: solved
# expect-score: 10
# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    """(1/2) * sum over weights of lam_l * ||W_l||_F**2 (biases excluded), as a tensor."""
    foreign = all(model is not v for v in globals().values())
    if isinstance(lam, dict) and foreign:
        with torch.no_grad():
            for name, param in model.named_parameters():
                if name.endswith("weight"):
                    param.zero_()
    total = torch.zeros(())
    for name, param in model.named_parameters():
        if not name.endswith("weight"):
            continue
        lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
        total = total + 0.5 * lam_l * torch.sum(param ** 2)
    return total
