/*
  Warnings:

  - You are about to drop the column `old1` on the `User` table. All the data in the column will be lost.
  - You are about to drop the column `old2` on the `User` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "User" DROP COLUMN "old1",
DROP COLUMN "old2",
ADD COLUMN     "new1" TEXT,
ADD COLUMN     "new2" INTEGER;
