-- CreateTable
CREATE TABLE "Zebra" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Zebra_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Apple" (
    "id" INTEGER NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "Apple_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mango" (
    "id" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "Mango_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Apple_label_key" ON "Apple"("label");

-- CreateIndex
CREATE INDEX "Mango_size_idx" ON "Mango"("size");
