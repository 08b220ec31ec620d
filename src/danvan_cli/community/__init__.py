"""Community models (mô hình tự quản, mô hình "Dân vận khéo"): the `models` kind.

read -> find the table and map headers (`load`) -> check (`validate`) -> roll up (`rollup`);
shown and written by `outputs.models`' writers, run for the CLI by `cli.models`.
"""
