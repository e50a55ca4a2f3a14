-- AlterTable
ALTER TABLE "Item" RENAME CONSTRAINT "Item_pkey" TO "item_pk";
