-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Shape" (
    "id" INTEGER NOT NULL,
    "box" box NOT NULL,
    "center" point DEFAULT point(0, 0),
    "path" path[],
    "doc" tsvector,
    "range" int4range NOT NULL,

    CONSTRAINT "Shape_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Shape_doc_idx" ON "Shape" USING GIN ("doc");

-- CreateIndex
CREATE INDEX "Shape_box_idx" ON "Shape" USING GIST ("box");

-- CreateIndex
CREATE UNIQUE INDEX "Shape_range_key" ON "Shape"("range");
