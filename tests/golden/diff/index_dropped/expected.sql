-- DropIndex
DROP INDEX "Item_a_idx";
