-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Item" (
    "a" INTEGER NOT NULL,
    "b" TEXT NOT NULL,
    "c" TEXT NOT NULL,
    "d" JSONB NOT NULL,
    "e" INET NOT NULL,
    "f" INTEGER[],
    "g" TIMESTAMP(3) NOT NULL,
    "h" TEXT NOT NULL,
    "k" TEXT NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("a","b")
);

-- CreateTable
CREATE TABLE "Other" (
    "id" INTEGER NOT NULL,
    "q" INTEGER NOT NULL,
    "r" INTEGER NOT NULL,

    CONSTRAINT "other_primary" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Item_c_key" ON "Item"("c" DESC);

-- CreateIndex
CREATE INDEX "Item_h_idx" ON "Item" USING HASH ("h");

-- CreateIndex
CREATE INDEX "Item_d_idx" ON "Item" USING GIN ("d" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Item_e_idx" ON "Item" USING GIST ("e" inet_ops);

-- CreateIndex
CREATE INDEX "Item_f_idx" ON "Item" USING GIN ("f");

-- CreateIndex
CREATE INDEX "item_g_brin" ON "Item" USING BRIN ("g" timestamp_minmax_ops DESC);

-- CreateIndex
CREATE INDEX "Item_k_idx" ON "Item" USING SPGIST ("k" text_ops);

-- CreateIndex
CREATE INDEX "custom_name" ON "Item"("g" DESC, "h" ASC);

-- CreateIndex
CREATE INDEX "Item_b_idx" ON "Item"("b" text_pattern_ops) WHERE (a > 0);

-- CreateIndex
CREATE UNIQUE INDEX "Item_b_a_key" ON "Item"("b", "a" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Item_h_key" ON "Item"("h") WHERE (k <> '');

-- CreateIndex
CREATE UNIQUE INDEX "q_uniq" ON "Other"("q");

-- CreateIndex
CREATE INDEX "Other_r_idx" ON "Other"("r");
