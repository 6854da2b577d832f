"""The numbers PyTorch defines, checked against PyTorch itself when it is installed (skipped otherwise).

Gains, initialisation scales, schedules, optimizer steps, normalisation parameter and buffer counts,
dropout and cross-entropy gradients: each variant's value must be what torch computes for its numbers.
"""

from __future__ import annotations

import itertools
import math
import re

import pytest

from tutor.practice.loader import get_family
from tutor.practice.model import Variant

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

SEEDS = range(60)


def _variants(family_id: str) -> list[Variant]:
    family = get_family(family_id)
    assert family is not None
    return [family.variant(seed) for seed in SEEDS]


def _value(text: str) -> object:
    if text.startswith("["):
        return [int(x) for x in text.strip("[]").split(",")]
    return text == "True" if text in ("True", "False") else int(text)


def _module(code: str) -> torch.nn.Module:
    """The layer a variant's code shows, e.g. 'nn.BatchNorm2d(24, affine=False)', built without eval."""
    match = re.fullmatch(r"nn\.(\w+)\((.*)\)", code)
    assert match is not None, code
    args, kwargs = [], {}
    for part in re.split(r",\s*(?![^\[]*\])", match.group(2)):
        key, _, value = part.rpartition("=")
        if key:
            kwargs[key] = _value(value)
        else:
            args.append(_value(value))
    return getattr(nn, match.group(1))(*args, **kwargs)


def _close(value: object, expected: float, rel: float = 1e-9) -> bool:
    return float(value) == pytest.approx(expected, rel=rel, abs=1e-15)  # type: ignore[arg-type]


def test_calculate_gain() -> None:
    for v in _variants("6.gain"):
        call = v.params["call"]
        name, _, param = call[len("calculate_gain("):-1].partition(", ")
        gain = nn.init.calculate_gain(name.strip("'"), float(param) if param else None)
        assert _close(v.value, gain), call


@pytest.mark.parametrize("family_id", ["6.kaiming", "6.xavier"])
def test_initialisation_scales(family_id: str) -> None:
    torch.manual_seed(0)
    for v in _variants(family_id):
        weight = _module(v.params["layer"]).weight
        fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(weight)
        assert (fan_in, fan_out) == (v.params["fan_in"], v.params["fan_out"])
        if family_id == "6.kaiming":
            slope = float(v.params["slope"] or 0)
            gain = nn.init.calculate_gain("leaky_relu" if v.params["slope"] else "relu", slope)
            std = gain / math.sqrt(nn.init._calculate_correct_fan(weight, v.params["mode"]))
        else:
            gain = {"1.0": 1.0, "2.0": 2.0, "0.5": 0.5}.get(v.params["gain"])
            gain = gain if gain is not None else nn.init.calculate_gain(v.params["gain"].split("'")[1])
            std = gain * math.sqrt(2.0 / (fan_in + fan_out))
        expected = math.sqrt(3.0) * std if v.params["uniform"] else std
        assert _close(v.value, expected), v.id
        if v.params["uniform"]:
            # torch's own sampler stays inside the bound and comes near it
            sample = weight.detach().clone()
            init = getattr(nn.init, "kaiming_uniform_" if family_id == "6.kaiming" else "xavier_uniform_")
            kwargs = ({"a": float(v.params["slope"] or 0), "mode": v.params["mode"],
                       "nonlinearity": "leaky_relu" if v.params["slope"] else "relu"}
                      if family_id == "6.kaiming" else {"gain": gain})
            init(sample, **kwargs)
            assert 0.9 * float(v.value) <= sample.abs().max().item() <= float(v.value) * (1 + 1e-6)


@pytest.mark.parametrize("family_id", ["7.norm-params", "7.norm-state"])
def test_normalisation_counts(family_id: str) -> None:
    for v in _variants(family_id):
        layer = _module(v.params["code"])
        if family_id == "7.norm-params":
            count = sum(p.numel() for p in layer.parameters())
        else:
            count = sum(t.numel() for t in layer.state_dict().values())
        assert count == int(v.value), v.params["code"]


def _lr_after(scheduler_class: type, epochs: int, lr0: float, **kwargs: object) -> float:
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=lr0)
    scheduler = scheduler_class(optimizer, **kwargs)
    for _ in range(epochs):
        optimizer.step()
        scheduler.step()
    return scheduler.get_last_lr()[0]


def test_schedulers() -> None:
    sched = torch.optim.lr_scheduler
    for v in _variants("8.step-lr"):
        p = v.params
        lr = _lr_after(sched.StepLR, p["epoch"], float(p["lr0"]), step_size=p["step_size"], gamma=float(p["gamma"]))
        assert _close(v.value, lr, rel=1e-12)
    for v in _variants("8.exponential-lr"):
        p = v.params
        assert _close(v.value, _lr_after(sched.ExponentialLR, p["epoch"], float(p["lr0"]), gamma=float(p["gamma"])),
                      rel=1e-12)
    for v in _variants("8.cosine-lr"):
        p = v.params
        lr = _lr_after(sched.CosineAnnealingLR, p["epoch"], float(p["lr0"]), T_max=p["t_max"], eta_min=float(p["eta_min"]))
        assert _close(v.value, lr, rel=1e-9)


def test_dropout_scale() -> None:
    torch.manual_seed(0)
    for v in _variants("8.dropout"):
        h, p = float(v.params["h"]), float(v.params["p"])
        x = torch.full((20000,), h, dtype=torch.float64)
        out = F.dropout(x, p, training=True)
        kept = out[out != 0]
        if v.params["form"] == "kept":
            assert _close(v.value, kept[0].item(), rel=1e-12)
        elif v.params["form"] == "mean":
            assert out.mean().item() == pytest.approx(float(v.value), rel=0.03)
        else:
            assert _close(v.value, h * (1 - p))
            assert F.dropout(x, p, training=False)[0].item() == h  # PyTorch itself does not rescale at test time


def _optimizer_step(optimizer_class: type, p: dict, grad: float, state: dict, **kwargs: object) -> float:
    theta = torch.tensor([float(p["theta"])], dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([theta], **kwargs)
    optimizer.state[theta] = {k: (v.clone() if torch.is_tensor(v) else v) for k, v in state.items()}
    theta.grad = torch.tensor([grad], dtype=torch.float64)
    optimizer.step()
    return theta.item()


def _adam_state(p: dict) -> dict:
    return {"step": torch.tensor(float(p["t"] - 1)), "exp_avg": torch.tensor([float(p["m"])], dtype=torch.float64),
            "exp_avg_sq": torch.tensor([float(p["v"])], dtype=torch.float64)}


def test_optimizer_steps() -> None:
    for v in _variants("5.adamw-step"):
        p = v.params
        alpha, eta, lam = float(p["lr"]), float(p["eta"]), float(p["decay"])
        # the paper's α, ηₜ, λ are PyTorch's lr = ηₜα and weight_decay = λ/α
        theta = _optimizer_step(torch.optim.AdamW, p, float(p["g"]), _adam_state(p), lr=eta * alpha,
                                betas=(float(p["beta1"]), float(p["beta2"])), eps=1e-8, weight_decay=lam / alpha)
        assert _close(v.value, theta, rel=1e-9), v.id
    for v in _variants("5.adam-l2-step"):
        p = v.params
        theta = _optimizer_step(torch.optim.Adam, p, float(p["g"]), _adam_state(p), lr=float(p["lr"]),
                                betas=(float(p["beta1"]), float(p["beta2"])), eps=1e-8, weight_decay=float(p["decay"]))
        assert _close(v.value, theta, rel=1e-9), v.id
    for v in _variants("5.sgd-step"):
        p = v.params
        if p["decoupled"]:
            continue  # PyTorch has no SGDW; the formula is checked in test_variants_families
        lr = float(p["eta"]) * float(p["alpha"])
        state = {"momentum_buffer": torch.tensor([float(p["m"]) / lr], dtype=torch.float64)}
        theta = _optimizer_step(torch.optim.SGD, p, float(p["g"]), state, lr=lr, momentum=float(p["beta1"]),
                                weight_decay=float(p["lambda"]))
        assert _close(v.value, theta, rel=1e-9), v.id


def test_pytorch_arguments() -> None:
    for v in _variants("5.torch-args"):
        p = v.params
        alpha, lam, wd = float(p["alpha"]), float(p["lambda"]), float(p["wd"])
        zero = {"theta": 1.0}
        if p["form"] in ("adamw-wd", "sgd-wd"):
            optimizer = torch.optim.AdamW if p["form"] == "adamw-wd" else torch.optim.SGD
            state = _adam_state({"t": 1, "m": 0, "v": 0}) if p["form"] == "adamw-wd" else {}
            shrunk = _optimizer_step(optimizer, zero, 0.0, state, lr=alpha, weight_decay=float(v.value))
            assert shrunk == pytest.approx(1 - lam, rel=1e-12)  # one step shrinks θ by the paper's λ
        elif p["form"] == "adamw-lambda":
            shrunk = _optimizer_step(torch.optim.AdamW, zero, 0.0, _adam_state({"t": 1, "m": 0, "v": 0}), lr=alpha,
                                     weight_decay=wd)
            assert _close(v.value, 1 - shrunk, rel=1e-9)
        else:
            shrunk = _optimizer_step(torch.optim.AdamW, zero, 0.0, _adam_state({"t": 1, "m": 0, "v": 0}), lr=alpha,
                                     weight_decay=wd)
            assert _close(v.value, shrunk ** p["steps"], rel=1e-9)


def _logits(v: Variant) -> torch.Tensor:
    return torch.tensor([float(x) for x in v.params["z"]], dtype=torch.float64, requires_grad=True)


def test_cross_entropy() -> None:
    for v in _variants("3.component"):
        z = _logits(v)
        F.cross_entropy(z[None], torch.tensor([[float(x) for x in v.params["p"]]], dtype=torch.float64)).backward()
        assert _close(v.value, z.grad[v.params["index"]].item(), rel=1e-9)
    for v in _variants("3.smoothing"):
        z = _logits(v)
        F.cross_entropy(z[None], torch.tensor([v.params["label"]]), label_smoothing=float(v.params["eps"])).backward()
        assert _close(v.value, z.grad[v.params["index"]].item(), rel=1e-9)
    for v in _variants("3.loss-value"):
        z = _logits(v)
        loss = F.cross_entropy(z[None], torch.tensor([[float(x) for x in v.params["p"]]], dtype=torch.float64))
        assert _close(v.value, loss.item(), rel=1e-9)


def test_activation_derivatives() -> None:
    functions = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "softplus": F.softplus}
    for v in _variants("2.derivative-at"):
        z = torch.tensor(float(v.params["z"]), dtype=torch.float64, requires_grad=True)
        functions[v.params["function"]](z).backward()
        assert _close(v.value, z.grad.item(), rel=1e-9)


def test_network_parameter_counts() -> None:
    for v in _variants("4.params"):
        sizes = v.params["sizes"]
        net = nn.Sequential(*[nn.Linear(a, b) for a, b in itertools.pairwise(sizes)])
        assert sum(p.numel() for p in net.parameters()) == int(v.value)
