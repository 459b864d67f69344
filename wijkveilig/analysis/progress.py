"""A text progress bar for management commands: redrawn on one line, at most once per percent."""


class ProgressBar:
    def __init__(self, stream, *, label: str, width: int = 30):
        self.stream, self.label, self.width, self.shown = stream, label, width, -1

    def update(self, done: int, total: int) -> None:
        percent = 100 if total <= 0 else done * 100 // total
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * percent // 100
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {percent:3d}% "
                          f"({done}/{total})", ending="")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("")
