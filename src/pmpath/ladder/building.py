"""Check plain YAML data and build the frozen model from it, noting every
problem with the path of the offending value (lines are looked up later, only
when there is something to report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmpath.ladder import fileformat
from pmpath.ladder.checking import Checker, Path_, kind_name
from pmpath.ladder.model import Competency, Ladder, Rating, Role, ScaleLevel
from pmpath.ladder.naming import alias_problem, id_problem, invisible_in, lookalike_letter, skeleton

_SCALE_BOUNDS = (fileformat.SCALE_LEVEL_MIN, fileformat.SCALE_LEVEL_MAX)


class Builder(Checker):
    """Checks a ladder's plain YAML data and turns it into a Ladder."""

    def build(self, data: object, source: Path) -> Ladder | None:
        if data is None:
            self.error((), "the file is empty; a ladder needs a 'roles:' list")
            return None
        if not isinstance(data, dict):
            self.error((), f"a ladder must be a mapping with a 'roles:' list, not {kind_name(data)}")
            return None
        self.unknown_keys(data, fileformat.LADDER_KEYS, (), "the ladder")
        scale = self.scale(data.get("scale"))
        competencies = self.competencies(data.get("competencies"))
        if "roles" not in data:
            self.error((), "the ladder has no 'roles:' list")
            return None
        raw_roles = data["roles"]
        if not isinstance(raw_roles, list) or not raw_roles:
            self.error(("roles",), f"'roles' must be a non-empty list, not {kind_name(raw_roles)}")
            return None
        known_competencies = {c.id for c in competencies}
        if competencies and not scale:
            self.warn(("competencies",), "competencies are defined but there is no 'scale' to rate them on")
        scale_levels = {s.level for s in scale}
        placed = [
            (index, role)
            for index, raw in enumerate(raw_roles)
            if (role := self.role(raw, ("roles", index), known_competencies, scale_levels))
        ]
        roles = self.check_links(placed)
        for index, values in placed:
            rated = values.get("competencies", {})
            missing = [c for c in known_competencies if c not in rated]
            if rated and missing:
                self.warn(
                    ("roles", index, "competencies"),
                    f"'{values['id']}' does not rate: {', '.join(sorted(missing))}",
                )
        return Ladder(
            roles=tuple(roles),
            title=self.text(data.get("title", ""), ("title",), "'title'"),
            description=self.text(data.get("description", ""), ("description",), "'description'"),
            competencies=competencies,
            scale=scale,
            source=source,
        )

    def scale(self, raw: object) -> tuple[ScaleLevel, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(("scale",), f"'scale' must be a list of levels, not {kind_name(raw)}")
            return ()
        steps: list[ScaleLevel] = []
        for index, item in enumerate(raw):
            path: Path_ = ("scale", index)
            entry = self.mapping(item, path, "a scale level")
            if entry is None:
                continue
            self.unknown_keys(entry, fileformat.SCALE_KEYS, path, "a scale level")
            level = self.integer(entry.get("level"), (*path, "level"), "scale 'level'", *_SCALE_BOUNDS)
            if level is None:
                continue
            if any(step.level == level for step in steps):
                self.error((*path, "level"), f"scale level {level} is defined twice")
            steps.append(
                ScaleLevel(
                    level,
                    self.text(entry.get("name"), (*path, "name"), "scale 'name'"),
                    self.text(entry.get("description", ""), (*path, "description"), "'description'"),
                )
            )
        return tuple(steps)

    def competencies(self, raw: object) -> tuple[Competency, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(("competencies",), f"'competencies' must be a list, not {kind_name(raw)}")
            return ()
        found: list[Competency] = []
        for index, item in enumerate(raw):
            path: Path_ = ("competencies", index)
            entry = self.mapping(item, path, "a competency")
            if entry is None:
                continue
            self.unknown_keys(entry, fileformat.COMPETENCY_KEYS, path, "a competency")
            competency_id = self.identifier(entry.get("id"), (*path, "id"), "competency 'id'")
            if any(c.id == competency_id for c in found):
                self.error((*path, "id"), f"competency id '{competency_id}' is used twice")
            found.append(
                Competency(
                    competency_id,
                    self.text(entry.get("name"), (*path, "name"), "competency 'name'"),
                    self.text(entry.get("description", ""), (*path, "description"), "'description'"),
                )
            )
        return tuple(found)

    def identifier(self, value: object, path: Path_, what: str) -> str:
        if value is None:
            self.error(path, f"{what} is missing")
            return ""
        text = self.text(value, path, what)
        if isinstance(value, str) and (problem := id_problem(text, what)):
            self.error(path, problem)
        return text

    def role(
        self, raw: object, path: Path_, known_competencies: set[str], scale_levels: set[int]
    ) -> dict[str, Any] | None:
        """The checked field values of one role, or None if it is unusable."""
        entry = self.mapping(raw, path, "each role")
        if entry is None:
            return None
        self.unknown_keys(entry, fileformat.ROLE_FIELD_NAMES, path, "a role")
        values: dict[str, Any] = {}
        for spec in fileformat.ROLE_FIELDS:
            where = (*path, spec.name)
            if spec.name not in entry:
                if spec.required:
                    self.error(path, f"role is missing required key '{spec.name}'")
                continue
            value = entry[spec.name]
            what = f"'{spec.name}'"
            if spec.kind == "id":
                values[spec.name] = self.identifier(value, where, what)
            elif spec.kind == "text":
                values[spec.name] = self.text(value, where, what)
            elif spec.kind == "int":
                low, high = spec.minimum or 0, spec.maximum or 0
                number = self.integer(value, where, what, low, high)
                values[spec.name] = 0 if number is None else number
            elif spec.kind == "text_list":
                values[spec.name] = self.text_list(value, where, what)
            elif spec.kind == "alias_list":
                values[spec.name] = self.aliases(value, where, what)
            elif spec.kind == "id_list":  # a repeated link is warned about, then kept once
                links = self.text_list(value, where, what)
                values[spec.name] = tuple(dict.fromkeys(links))
                if len(values[spec.name]) < len(links):
                    self.warn(where, f"{what} names the same role more than once")
            elif spec.kind == "ratings":
                values[spec.name] = self.ratings(value, where, known_competencies, scale_levels)
        if not all(spec.name in values for spec in fileformat.ROLE_FIELDS if spec.required):
            return None
        if isinstance(entry["title"], str) and not entry["title"].strip():
            self.error((*path, "title"), "'title' must not be empty")
        elif hidden := invisible_in(values["title"]):
            self.warn((*path, "title"), f"'title' contains the invisible character {hidden}")
        return values

    def aliases(self, value: object, path: Path_, what: str) -> tuple[str, ...]:
        aliases = self.text_list(value, path, what)
        for index, alias in enumerate(aliases):
            if problem := alias_problem(alias):
                self.error((*path, index), problem)
        return aliases

    def ratings(self, raw: object, path: Path_, known: set[str], scale_levels: set[int]) -> dict[str, Rating]:
        if raw is None:
            return {}
        entry = self.mapping(raw, path, "'competencies'")
        if entry is None:
            return {}
        ratings: dict[str, Rating] = {}
        for key, value in entry.items():
            where = (*path, str(key))
            if str(key) not in known:
                hint = self.suggest(str(key), known)
                self.error(where, f"unknown competency '{key}'{hint}")
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                level = self.integer(value, where, f"'{key}' level", *_SCALE_BOUNDS)  # shorthand
                expectation = ""
            else:
                spec = self.mapping(value, where, f"rating of '{key}'")
                if spec is None:
                    continue
                self.unknown_keys(spec, fileformat.RATING_KEYS, where, f"the rating of '{key}'")
                level = self.integer(spec.get("level"), (*where, "level"), f"'{key}' level", *_SCALE_BOUNDS)
                expectation = self.text(spec.get("expectation", ""), (*where, "expectation"), "'expectation'")
            if level is None:
                continue
            rating = Rating(level, expectation)
            if scale_levels and rating.level not in scale_levels:
                self.error(
                    where,
                    f"'{key}' level {rating.level} is outside the scale "
                    f"({min(scale_levels)}-{max(scale_levels)})",
                )
            ratings[str(key)] = rating
        return ratings

    def lookalike(self, looks: dict[str, tuple[str, str]], name: str, role_id: str, path: Path_) -> None:
        """Warn when a name differs from another role's only by lookalike
        letters from another script (a Cyrillic dze in 'senior')."""
        other, owner = looks.setdefault(skeleton(fileformat.name_key(name)), (name, role_id))
        if owner != role_id:
            letter = lookalike_letter(name) or lookalike_letter(other)
            self.warn(
                path,
                f"name '{name}' of '{role_id}' looks like '{other}' of '{owner}' "
                f"but is spelt differently ({letter})",
            )

    def check_links(self, placed: list[tuple[int, dict[str, Any]]]) -> list[Role]:
        """Duplicate ids, colliding names, dangling links; then build each role
        once, with `previous` derived from every other role's `next`.

        `placed` pairs each role's checked values with its index in the file.
        """
        names: dict[str, str] = {}  # casefolded id or alias -> owning role id
        looks: dict[str, tuple[str, str]] = {}  # skeleton -> (a name, its role id)
        titles: dict[str, str] = {}  # casefolded title -> first role id with it
        by_id: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, values in placed:
            role_id, title, aliases = values["id"], values["title"], values.get("aliases", ())
            if role_id in by_id:
                self.error(("roles", index, "id"), f"role id '{role_id}' is used twice")
                continue
            by_id[role_id] = (index, values)
            first = titles.setdefault(fileformat.name_key(title), role_id)
            if first != role_id:
                self.warn(
                    ("roles", index, "title"),
                    f"title '{title}' is also the title of '{first}'; "
                    "the command line will call the title ambiguous",
                )
            for name in (role_id, *aliases):
                owner = names.setdefault(fileformat.name_key(name), role_id)
                if owner != role_id:
                    self.error(
                        ("roles", index, "aliases"),
                        f"name '{name}' of '{role_id}' is already used by '{owner}'",
                    )
                    continue
                self.lookalike(looks, name, role_id, ("roles", index, "aliases" if name in aliases else "id"))
        previous: dict[str, list[str]] = {role_id: [] for role_id in by_id}
        for role_id, (index, values) in by_id.items():
            for target in values.get("next", ()):
                if target == role_id:
                    self.error(("roles", index, "next"), f"role '{role_id}' lists itself in 'next'")
                elif target not in by_id:
                    hint = self.suggest(target, by_id)
                    self.error(
                        ("roles", index, "next"),
                        f"'next' of '{role_id}' names unknown role '{target}'{hint}",
                    )
                else:
                    previous[target].append(role_id)
        return [Role(**values, previous=tuple(previous[role_id])) for role_id, (_, values) in by_id.items()]
