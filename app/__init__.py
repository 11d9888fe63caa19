
import warnings

# pyHanko imports DSA, which cryptography 51 deprecates; nothing here signs with DSA, and a user
# is not shown a library's warning on every command.
warnings.filterwarnings("ignore", message="DSA is deprecated")
