"""Word documents an office files: the report and the letters that chase late units, laid out
as Nghị định 30/2020/NĐ-CP asks."""
