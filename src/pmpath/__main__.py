from pmpath.cli.launcher import console

if __name__ == "__main__":  # imported (by a documentation tool, say), it runs nothing
    console()
