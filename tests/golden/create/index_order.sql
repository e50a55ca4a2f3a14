-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "c" INTEGER NOT NULL,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "A_b_key" ON "A"("b");

-- CreateIndex
CREATE INDEX "A_c_idx" ON "A"("c");

-- CreateIndex
CREATE INDEX "A_a_idx" ON "A"("a");

-- CreateIndex
CREATE UNIQUE INDEX "A_a_c_key" ON "A"("a", "c");

-- CreateIndex
CREATE UNIQUE INDEX "A_c_a_key" ON "A"("c", "a");
