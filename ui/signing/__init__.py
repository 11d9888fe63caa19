"""Electronic signatures in the window: the key's password asked at signing time, the
way this workstation signs (Settings → Electronic signature…), and File → Verify a signed
document…"""

from .dialogs import PasswordDialog, SigningSettingsDialog, VerifyDialog, with_signer
from .menu import SigningMenu

__all__ = ["PasswordDialog", "SigningSettingsDialog", "VerifyDialog", "with_signer", "SigningMenu"]
