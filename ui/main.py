"""``saraptama-gui``: starts the window (docs/interfaces.md §5).

Everything that goes wrong is logged to a rotating file in the log folder and shown in a
dialog; nothing is printed as a traceback.  ``--screenshot`` renders the window (or with
``--dialog`` a dialog) for a screen of ``--size`` (1366×768) without user interaction and exits.
"""

from __future__ import annotations

import argparse
import faulthandler
import getpass
import json
import logging
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

# app/ first, Qt after it: PySide6 looks at every module imported after it (its import hook reads
# their source for ``__feature__``), which would slow the start by a fifth of a second here.
from app import i18n, logs
from app.errors import UserError
from app.domain.settings import GEOMETRY, LANGUAGE
from app.i18n import gettext as _
from app.services import listings
from app.storage import DB_KEY_VARIABLE, Database, DatabaseDamaged, StorageError, default_data_dir, looks_encrypted
from app.version import program_version
from app.warning_filters import hide_third_party_deprecations

from PySide6.QtCore import QObject, QSize, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QStyleFactory, QWidget

from . import errors, first_rows, language, tasks
from .main_window import PREFERRED_SIZE, MainWindow
from .widgets import fit_to_screen, fits_screen
from . import settings
from .settings import use_folder

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = QSize(1366, 768)  # unless --size says otherwise
SCREENSHOT_TIMEOUT_MS = 120_000
LOG_FILE = "saraptama.log"
CRASH_FILE = "crash.log"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="saraptama-gui", description="Saraptama: the window of an MSE department.")
    parser.add_argument("--data-dir", type=Path, help="keep the database, settings and logs in DIR")
    parser.add_argument("--db-url", help="SQLAlchemy URL of the database (instead of the data folder's file)")
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="language of the window (default: the last chosen, else ru)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="render the window (1366x768 unless --size) into FILE.png and exit")
    parser.add_argument("--size", type=screen_size, default=SCREENSHOT_SIZE, metavar="WxH",
                        help="size of the screen the screenshot is made for, e.g. 1024x768")
    parser.add_argument("--dialog", choices=tuple(DIALOGS), help="with --screenshot: render this dialog instead")
    parser.add_argument("--act", metavar="NUMBER", help="with --dialog card or to-sign: the draft act shown")
    parser.add_argument("--depersonalised", action="store_true", help="with --dialog card: the expert's view")
    parser.add_argument("--history", action="store_true", help="with --dialog card: its history page")
    parser.add_argument("--expert", type=int, metavar="ID", help="with --dialog expert: the expert shown")
    parser.add_argument("--import", dest="import_paths", type=Path, nargs="+", metavar="PATH",
                        help="with --dialog import: package files or folders to import (they are imported)")
    parser.add_argument("--lookups", type=Path, metavar="DIR", help="with --dialog import: the lookups folder")
    parser.add_argument("--first-rows", action="store_true",
                        help="with --screenshot: render the window once the first rows of its list are painted "
                        "(what the start-up benchmark times), not once all of it is ready")
    parser.add_argument("--user", help="on a database with accounts: sign in as this account without the form "
                        "(the password from SARAPTAMA_PASSWORD; for screenshots and scripts)")
    parser.add_argument("--tab", choices=(*listings.LISTINGS, "statistics"), default="registry",
                        help="tab to show first")
    parser.add_argument("--version", action="version", version=f"saraptama-gui {program_version()}")
    return parser.parse_args(argv)


def _card(window: MainWindow, args: argparse.Namespace) -> QWidget:
    card = window.acts.open_act(args.act)
    card.depersonalised.setChecked(args.depersonalised)
    if args.history:
        card.show_history()
    return card


DIALOGS = {  # what ``--dialog`` renders, opened on the ready window
    "calendar": lambda window, _args: window.show_calendar(),
    "card": _card,
    "expert": lambda window, args: window.acts.open_expert(args.expert),
    "import": lambda window, args: window.acts.import_paths(args.import_paths, args.lookups),
    "signatures": lambda window, _args: window.review_menu.show_signature_queue(),
    "to-sign": lambda window, args: window.review_menu.show_to_sign(args.act),
    "outbox": lambda window, _args: window.review_menu.show_outbox(),
    "help": lambda window, _args: window.show_help(),
}


def screen_size(text: str) -> QSize:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size like 1024x768: {text}") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"not a screen size: {text}")
    return QSize(width, height)


# -- logging and crashes ------------------------------------------------------------------------
def setup_logging(log_dir: Path) -> None:
    logs.install(log_dir / LOG_FILE)  # redacted: no passwords, IINs or phone numbers (app.logs)
    qInstallMessageHandler(_qt_message)


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(kind, _context, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def setup_crash_log(log_dir: Path) -> str:
    """Hard crashes (of Qt or Python itself) are written by ``faulthandler`` to ``crash.log``;
    returns what the previous run left there, to show it once."""
    path = log_dir / CRASH_FILE
    try:
        previous = path.read_text(encoding="utf-8", errors="replace").strip() if path.exists() else ""
        faulthandler.enable(open(path, "w", encoding="utf-8"))  # noqa: SIM115 -- open for the process's life
    except OSError:
        return ""
    return previous


# -- application ---------------------------------------------------------------------------------
def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Saraptama")
    app.setApplicationName("Saraptama")
    app.setApplicationVersion(program_version())
    app.setStyle(QStyleFactory.create("Fusion"))
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Light)  # the style sheet is light
    app.setPalette(app.style().standardPalette())
    font = app.font()
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet((resources.files("resources") / "style.qss").read_text(encoding="utf-8"))
    return app


def _show_previous_crash(report: str) -> None:
    box = errors.message_box(None, QMessageBox.Icon.Warning, _("Saraptama closed unexpectedly the last time it ran."))
    box.setInformativeText(_("The details below were also written to the log file."))
    box.setDetailedText(report)
    box.open()


def login_name() -> str:
    """The operating system's user, written to the audit log."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment (a service account, a container)
        return "system"


def fatal_error(message: str, details: str, unattended: bool) -> int:
    """The program cannot go on: a dialog with copyable details (stderr in screenshot mode);
    returns the exit code, 1."""
    if unattended:
        print(details, file=sys.stderr)
        return 1
    box = errors.message_box(None, QMessageBox.Icon.Critical, message)
    box.setInformativeText(_("The details below were also written to the log file."))
    box.setDetailedText(details)
    box.exec()
    return 1


def open_database(args: argparse.Namespace) -> Database:
    """The database named on the command line; ``StorageError`` with a text for the user."""
    try:
        return Database.open(data_dir=args.data_dir, db_url=args.db_url, user=login_name())
    except StorageError as exc:
        log.error("database refused: %s", exc)
        raise
    except Exception as exc:  # a locked, unreadable or unreachable database
        log.exception("database could not be opened")
        raise StorageError(errors.details(exc)) from exc


def ask_database_key(args: argparse.Namespace) -> None:
    """An encrypted laptop database (SQLCipher) started without its key: the key is asked and
    held by this process only (never written anywhere)."""
    if args.db_url or args.screenshot or not looks_encrypted(args.data_dir):
        return
    key, ok = QInputDialog.getText(None, _("Encrypted database"), _("The database of this computer is encrypted. "
                                                                    "Enter its key:"), QLineEdit.EchoMode.Password)
    if ok and key:
        os.environ[DB_KEY_VARIABLE] = key


def open_or_restore(args: argparse.Namespace) -> Database:
    """Opens the database; a damaged one is offered to be replaced by its latest backup first."""
    ask_database_key(args)
    try:
        return open_database(args)
    except DatabaseDamaged:
        from app.services import backups

        from . import recovery

        if args.screenshot:
            raise
        damaged = Database.connect(data_dir=args.data_dir, db_url=args.db_url)
        backup = damaged.latest_backup()
        if backup is None or not recovery.ask_to_restore(None, backup):
            damaged.close()
            raise
        backups.restore(damaged, backup)
        damaged.close()
        return open_database(args)


def sign_in_at_start(db: Database, args: argparse.Namespace) -> bool:
    """On a database with accounts someone signs in before the window opens (``--user`` with
    SARAPTAMA_PASSWORD unattended, else the sign-in form); False when nobody did.

    The form is shown before the models and the window's parts are loaded (whether sign-in is on
    is read on a bare connection); they load on the worker while it waits (``sign_in.prepare``).
    Nothing but the setting is read before someone signs in; the window, made after it, shows
    what the role may see."""
    from app.domain.settings import SIGN_IN
    from app.services.stored_settings import read_setting

    from .access import sign_in

    with db.engine.connect() as connection:
        required = read_setting(connection, SIGN_IN)
    if not required:
        return True
    if args.user and (args.screenshot or os.environ.get("SARAPTAMA_PASSWORD")):
        try:
            sign_in.sign_in(db, args.user, os.environ.get("SARAPTAMA_PASSWORD", ""))
            return True
        except UserError as error:
            print(error.text(), file=sys.stderr)
            if args.screenshot:
                return False
    elif args.screenshot:
        print(_("This database has accounts: give --user NAME and SARAPTAMA_PASSWORD."), file=sys.stderr)
        return False
    dialog = sign_in.SignInDialog(db)
    if args.user:
        dialog.form.name.setText(args.user)
    QTimer.singleShot(0, lambda: tasks.run_task(sign_in.prepare, parent=dialog))  # once the form is shown
    return dialog.exec() == sign_in.SignInDialog.DialogCode.Accepted


def offscreen_screen(size: QSize, folder: Path) -> None:
    """On Qt's offscreen platform, a screen of ``size`` (its default is 800×800), so that what
    fits the screen is judged as on a real one; call before the application is created."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return
    config = folder / f"screen-{size.width()}x{size.height()}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": size.width(),
                                               "height": size.height(), "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def take_screenshot(app: QApplication, window: MainWindow, path: Path, size: QSize = SCREENSHOT_SIZE,
                    dialog: str | None = None, args: argparse.Namespace | None = None) -> int:
    """Renders ``window`` at ``size`` (the whole screen) once its content is complete, or the
    dialog named, and saves it to ``path``."""
    shown: list[QWidget] = [window]

    def unattended_error(_exc: BaseException) -> None:
        app.exit(1)

    def window_ready() -> None:
        if dialog is not None:
            shown.append(DIALOGS[dialog](window, args))
        QTimer.singleShot(100, save_when_idle)

    def save_when_idle() -> None:
        if tasks.pending():
            QTimer.singleShot(50, save_when_idle)
            return
        widget = shown[-1]
        image = widget.grab().toImage()
        logical = widget.size()
        if image.size() != logical:  # a high-DPI screen renders more pixels
            image = image.scaled(logical, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = image.save(str(path))
        log.info("screenshot %s written: %s", path, saved)
        app.exit(0 if saved else 1)

    def timed_out() -> None:
        print(f"the window was not ready within {SCREENSHOT_TIMEOUT_MS // 1000} s", file=sys.stderr)
        app.exit(1)

    def save_now() -> None:
        QTimer.singleShot(0, save_when_idle)  # the grab renders what is painted; leaves the rest unloaded

    errors.set_unattended(unattended_error)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(size)
    window.ready.connect(window_ready)
    window.first_rows_painted.connect(save_now if args is not None and args.first_rows else window.complete)
    timeout = QTimer(window, singleShot=True, interval=SCREENSHOT_TIMEOUT_MS, timeout=timed_out)
    timeout.start()
    window.show()
    try:
        return app.exec()
    finally:
        timeout.stop()
        errors.set_unattended(None)


def check_in_background(window: MainWindow) -> None:
    """The database's integrity, checked on the worker (``ui.recovery``)."""
    from . import recovery

    recovery.Recovery(window, lambda: window.db).check_in_background()


def _ensure_std_streams() -> None:
    """A windowed program on Windows (pythonw) has no console: writes then go nowhere."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main(argv: list[str] | None = None, *, watch: QObject | None = None) -> int:
    """``watch``: an event filter given every event of the application (a benchmark or a test
    watching the start, e.g. when the sign-in form is shown)."""
    hide_third_party_deprecations()   # libraries' notices are for developers, not the user's terminal
    _ensure_std_streams()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log_dir = logs.log_dir(args.data_dir)
    setup_logging(log_dir)
    previous_crash = setup_crash_log(log_dir)
    sys.excepthook = errors.excepthook
    log.info("saraptama-gui %s starting", program_version())

    use_folder(args.data_dir)
    if args.screenshot:
        offscreen_screen(args.size, Path(tempfile.mkdtemp(prefix="saraptama-screen-")))
    app = create_application(sys.argv[:1])
    if watch is not None:
        app.installEventFilter(watch)
    saved = settings.value(LANGUAGE)
    language.set_language(args.lang or (saved if saved in i18n.LANGUAGES else "ru"))

    try:
        db = open_or_restore(args)
    except StorageError as exc:
        text = exc.text() if isinstance(exc, UserError) else str(exc)
        return fatal_error(_("The database cannot be opened."), text, bool(args.screenshot))
    window = None
    try:
        quick = None if args.dialog else first_rows.plan(db, args.tab)
        if quick is None and not sign_in_at_start(db, args):
            return 0 if not args.screenshot else 1
        window = MainWindow(db, data_dir=args.data_dir or default_data_dir(), tab=args.tab, first_rows=quick)
        if args.screenshot:
            return take_screenshot(app, window, args.screenshot, args.size, args.dialog, args)
        if quick is None:
            check_in_background(window)
        else:  # the rest of the window once its first rows are on the screen
            window.first_rows_painted.connect(lambda: window.complete(on_done=lambda: check_in_background(window)))
        geometry = settings.value(GEOMETRY)
        if geometry is None or not window.restoreGeometry(geometry) or not fits_screen(window):
            fit_to_screen(window, PREFERRED_SIZE)
        window.show()
        if previous_crash:
            _show_previous_crash(previous_crash)
        code = app.exec()
        settings.set_value(GEOMETRY, window.saveGeometry())
        return code
    except Exception as exc:
        log.exception("the window failed")
        return fatal_error(_("Something went wrong and Saraptama has to close."), errors.details(exc),
                           bool(args.screenshot))
    finally:
        tasks.wait_for_worker()
        (window.db if window is not None else db).close()
        log.info("saraptama-gui stopped")
