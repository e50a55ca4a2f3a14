-- RenameIndex
ALTER INDEX "Item_a_idx" RENAME TO "idx_item_a";
