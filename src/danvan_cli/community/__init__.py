"""Community models (mô hình tự quản, mô hình "Dân vận khéo"): the `models` kind.

read -> find the table and map headers (`load`) -> check (`validate`) -> roll up (`rollup`)
-> show and write (`render`); `commands` runs the CLI commands for this kind.
"""
