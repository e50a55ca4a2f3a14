#!/usr/bin/env python3
"""gen_schema.py N [SEED] - prints a synthetic Prisma schema with N models of about
13 fields each (scalars, native types, defaults, an enum field, a relation to an
earlier model with its back-relation list, @@index and @@unique) and N/20 enums, for
the front-end benchmark. Deterministic for a given N and SEED; semantically valid."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
out = ['datasource db {\n  provider = "postgresql"\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n}\n']
n_enums = max(1, n // 20)
for e in range(n_enums):
    values = "".join(f"  VALUE_{e}_{v}\n" for v in range(rng.randint(3, 6)))
    out.append(f"\nenum Status{e} {{\n{values}}}\n")
children = {i: [] for i in range(n)}
parents = {}
for i in range(1, n):
    parents[i] = rng.randrange(0, i)
    children[parents[i]].append(i)
for i in range(n):
    e = rng.randrange(n_enums)
    lines = [
        f"  /// Model {i} primary key.",
        "  id Int @id @default(autoincrement())",
        f"  slug String @unique @db.VarChar(200)",
        "  title String",
        "  subtitle String?",
        "  count Int @default(0)",
        "  total BigInt",
        "  ratio Float",
        "  price Decimal @db.Decimal(10, 2)",
        "  active Boolean @default(false) // soft delete flag",
        "  createdAt DateTime @default(now())",
        "  updatedAt DateTime @updatedAt",
        "  meta Json?",
        f"  status Status{e} @default(VALUE_{e}_0)",
    ]
    if i in parents:
        p = parents[i]
        lines.append("  parentId Int")
        lines.append(f"  parent Model{p} @relation(fields: [parentId], references: [id], onDelete: Cascade)")
    for c in children[i]:
        lines.append(f"  children{c} Model{c}[]")
    attrs = ["  @@unique([title, count])", "  @@index([createdAt(sort: Desc), active])"]
    out.append(f"\n/// Synthetic model {i}.\nmodel Model{i} {{\n" + "\n".join(lines) + "\n\n" + "\n".join(attrs) + "\n}\n")
sys.stdout.write("".join(out))
