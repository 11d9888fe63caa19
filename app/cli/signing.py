"""``saraptama trust add|add-crl|list|remove`` (the roots signatures are checked against),
``saraptama signing show|set`` (how this workstation signs) and the ``--key FILE`` option of the
commands that sign; a key's password comes from ``SARAPTAMA_KEY_PASSWORD`` or the terminal."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from ..services.review.signer import DEFAULT_SIGNER
from ..services.signing import choice, trust
from ..services.signing.signers import Pkcs12Signer
from .common import subcommands, with_session

PASSWORD_VARIABLE = "SARAPTAMA_KEY_PASSWORD"


def key_password() -> str:
    """The key's password, from the environment (scripts) or typed at the terminal; never echoed,
    stored nor logged."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None:
        return password
    try:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):
        interactive = False
    if not interactive:
        raise UserError(N_("The key's password is read from the terminal or from {variable}."),
                        variable=PASSWORD_VARIABLE)
    try:
        return getpass.getpass("Key password: ")
    except (EOFError, KeyboardInterrupt):
        raise UserError(N_("No password was given for the key.")) from None


def add_key_option(parser, *, optional_signing: bool = False) -> None:
    parser.add_argument("--key", type=Path, help=f"sign with this PKCS#12 key file (password: {PASSWORD_VARIABLE} "
                                                 "or the terminal)")
    if optional_signing:
        parser.add_argument("--sign", action="store_true", help="sign the way this workstation is set to sign")


def signer_for(session, args):
    """``--key FILE``, else the workstation's way to sign (the local hash when none is set)."""
    key = getattr(args, "key", None)
    if key is not None:
        return Pkcs12Signer(key, key_password())
    return choice.make_signer(choice.choice(session), key_password)


def document_signer(session, args):
    """For printing: a signer only when ``--key`` or ``--sign`` asks for one."""
    if getattr(args, "key", None) is None and not getattr(args, "sign", False):
        return None
    signer = signer_for(session, args)
    if signer is DEFAULT_SIGNER:
        raise UserError(N_("This workstation is set to sign with no key; give --key FILE or choose a way to sign "
                           "(saraptama signing set)."))
    return signer


@with_session
def cmd_trust_add(session, args):
    return trust.add_root(session, args.file)


@with_session
def cmd_trust_add_crl(session, args):
    return trust.add_crl(session, args.file)


@with_session
def cmd_trust_list(session, args):
    return trust.listing(session)


@with_session
def cmd_trust_remove(session, args):
    return trust.remove_root(session, args.fingerprint)


@with_session
def cmd_signing_show(session, args):
    return choice.choice(session).as_dict()


@with_session
def cmd_signing_set(session, args):
    return choice.set_choice(session, args.method, str(args.key_file or ""), args.ncalayer_url or "").as_dict()


def register(commands) -> None:
    group = subcommands(commands, "trust", "trust roots and revocation lists signatures are checked against")
    p = group.add_parser("add", help="trust a root certificate (PEM or DER)")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_trust_add)
    p = group.add_parser("add-crl", help="a revocation list of a trusted root (PEM or DER)")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_trust_add_crl)
    p = group.add_parser("list", help="the trust roots and revocation lists")
    p.set_defaults(run=cmd_trust_list)
    p = group.add_parser("remove", help="stop trusting a root")
    p.add_argument("fingerprint", help="its SHA-1 fingerprint as 'trust list' shows it")
    p.set_defaults(run=cmd_trust_remove)

    group = subcommands(commands, "signing", "how this workstation signs")
    p = group.add_parser("show", help="the way to sign that is set")
    p.set_defaults(run=cmd_signing_show)
    p = group.add_parser("set", help="local (no key), pkcs12 (a key file) or ncalayer")
    p.add_argument("method", choices=choice.METHODS)
    p.add_argument("--key-file", type=Path, help="the PKCS#12 key file (method pkcs12)")
    p.add_argument("--ncalayer-url", help=f"NCALayer's address (default {choice.DEFAULT_URL})")
    p.set_defaults(run=cmd_signing_set)
