-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "sales";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "stock";

-- CreateEnum
CREATE TYPE "stock"."unit" AS ENUM ('PIECE', 'KG');

-- CreateTable
CREATE TABLE "sales"."item" (
    "id" INTEGER NOT NULL,
    "unit" "stock"."unit" NOT NULL DEFAULT 'PIECE',
    "productId" INTEGER NOT NULL,

    CONSTRAINT "item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock"."item" (
    "id" INTEGER NOT NULL,
    "unit" "stock"."unit" NOT NULL,

    CONSTRAINT "item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock"."Label" (
    "name" TEXT NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "stock"."_LabelToSalesItem" (
    "A" TEXT NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_LabelToSalesItem_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "item_productId_idx" ON "sales"."item"("productId");

-- CreateIndex
CREATE INDEX "_LabelToSalesItem_B_index" ON "stock"."_LabelToSalesItem"("B");

-- AddForeignKey
ALTER TABLE "sales"."item" ADD CONSTRAINT "item_productId_fkey" FOREIGN KEY ("productId") REFERENCES "stock"."item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock"."_LabelToSalesItem" ADD CONSTRAINT "_LabelToSalesItem_A_fkey" FOREIGN KEY ("A") REFERENCES "stock"."Label"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock"."_LabelToSalesItem" ADD CONSTRAINT "_LabelToSalesItem_B_fkey" FOREIGN KEY ("B") REFERENCES "sales"."item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
