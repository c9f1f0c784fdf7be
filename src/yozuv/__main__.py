"""Allow ``python -m yozuv`` as an equivalent of the ``yozuv`` console script."""

from yozuv.cli import main

if __name__ == "__main__":
    main()
