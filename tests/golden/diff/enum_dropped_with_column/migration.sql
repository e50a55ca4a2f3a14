/*
  Warnings:

  - You are about to drop the column `role` on the `Item` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Item" DROP COLUMN "role";

-- DropEnum
DROP TYPE "Role";
