"""What both benchmarks need: the binary to measure, and generated lists in a scratch folder."""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
generator = os.path.join(root, "Scripts", "generate-list.py")


def registry_binary(given):
    """`given` (--bin), else a release build of the package, made now."""
    if given:
        return os.path.abspath(given)
    subprocess.run(["swift", "build", "-c", "release", "--package-path", root], check=True, stdout=sys.stderr)
    path = subprocess.run(["swift", "build", "-c", "release", "--package-path", root, "--show-bin-path"],
                          check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "registry")


def generate(work, name, count, *options):
    """A generated list of `count` rows in `work/name` (see generate-list.py for the options)."""
    path = os.path.join(work, name)
    with open(path, "w") as out:
        subprocess.run([generator, str(count), *options], check=True, stdout=out)
    return path
