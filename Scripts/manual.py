#!/usr/bin/env python3
"""Writes registry(1), the manual page, from the commands' own help (`registry --experimental-dump-help`).

    Scripts/manual.py BIN > docs/registry.1     write the page
    Scripts/manual.py BIN --check docs/registry.1   exit 1 when the shipped page is not what this writes

ArgumentParser's own generator (`swift package generate-manual`) builds the whole package again, a quarter
of an hour on this machine: this reads the same description from the built binary. The date is the
manual's edition, changed by hand when the page is written anew.
"""
import json
import subprocess
import sys

EDITION = "December 6, 2026"


def text(value):
    """Roff-safe text: backslashes escaped, a line starting with a control character neutralised."""
    lines = []
    for line in (value or "").replace("\\", "\\e").split("\n"):
        line = line.strip()
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(line for line in lines if line) or ""


def flag(argument):
    names = argument.get("names") or []
    longs = [n["name"] for n in names if n["kind"] == "long"]
    shorts = [n["name"] for n in names if n["kind"] == "short"]
    name = ("Fl \\-" + longs[0]) if longs else ("Fl " + shorts[0]) if shorts else ""
    if argument["kind"] == "option":
        name += " Ar " + argument.get("valueName", "value")
    return name


def command_lines(command, path):
    out = [".Ss " + " ".join(path)]
    if command.get("abstract"):
        out.append(text(command["abstract"]))
    if command.get("discussion"):
        out += [".Pp", text(command["discussion"])]
    arguments = [a for a in command.get("arguments") or [] if a.get("shouldDisplay", True)]
    arguments = [a for a in arguments if not (a["kind"] == "flag" and a.get("preferredName", {}).get("name") in ("help", "version"))]
    if arguments:
        out.append(".Bl -tag -width 6n")
        for argument in arguments:
            if argument["kind"] == "positional":
                out.append(".It Ar " + argument.get("valueName", "value") + (" Ar ..." if argument.get("isRepeating") else ""))
            else:
                out.append(".It " + flag(argument))
            words = text(argument.get("abstract", ""))
            if argument.get("discussion"):
                words += "\n" + text(argument["discussion"])
            out.append(words or "\\&")
        out.append(".El")
    for sub in command.get("subcommands") or []:
        if sub["commandName"] != "help":
            out += command_lines(sub, path + [sub["commandName"]])
    return out


def manual(dump):
    root = dump["command"]
    out = [
        ".Dd " + EDITION, ".Dt REGISTRY 1", ".Os", ".Sh NAME", ".Nm registry",
        ".Nd " + text(root.get("abstract", "")), ".Sh SYNOPSIS", ".Nm", ".Ar command", ".Op Ar options",
        ".Sh DESCRIPTION", text(root.get("discussion", "")), ".Sh COMMANDS",
    ]
    for command in root.get("subcommands") or []:
        if command["commandName"] != "help":
            out += command_lines(command, ["registry", command["commandName"]])
    out += [
        ".Sh SHELL COMPLETION",
        "Completion scripts come from the binary:",
        ".Dl registry \\-\\-generate-completion-script bash > /etc/bash_completion.d/registry",
        ".Dl registry \\-\\-generate-completion-script zsh > ~/.zfunc/_registry",
        ".Dl registry \\-\\-generate-completion-script fish > ~/.config/fish/completions/registry.fish",
        ".Sh SEE ALSO",
        "The README and the guides in docs/ of the source tree.",
    ]
    return "\n".join(out) + "\n"


def main():
    binary = sys.argv[1]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)
    page = manual(dump)
    if len(sys.argv) > 3 and sys.argv[2] == "--check":
        with open(sys.argv[3], encoding="utf-8") as shipped:
            if shipped.read() != page:
                sys.exit(f"{sys.argv[3]} is not what the commands' help gives; run Scripts/manual.py {binary} > {sys.argv[3]}")
        return
    sys.stdout.write(page)


main()
