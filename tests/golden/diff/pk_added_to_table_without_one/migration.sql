-- AlterTable
ALTER TABLE "Item" ADD CONSTRAINT "Item_pkey" PRIMARY KEY ("a", "b");

-- DropIndex
DROP INDEX "Item_a_b_key";
